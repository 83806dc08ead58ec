#!/usr/bin/env bash
# Looks at every page as five roles (SR coordinator, a supplier's reporter, a viewer, the platform administrator, a job
# service's account manager) in
# headless Chromium: no page may scroll sideways at 390 px (a phone), and axe-core may find no serious or critical
# WCAG 2 A/AA problem at 1280 px. Installs Debian's chromium and chromium-driver and selenium and axe from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python3 -c "import selenium, axe_selenium_python" 2>/dev/null || python3 -m pip install -q selenium axe-selenium-python >/dev/null 2>&1 \
  || python3 -m pip install -q --break-system-packages selenium axe-selenium-python
port=8093
dir=$(mktemp -d)
bin=".build/debug/sroi"; [ -x "$bin" ] || swift build --product sroi
SROI_SQLITE_PATH="$dir/sroi.sqlite" SROI_DEMO_PASSWORD="Phone-check-1" SROI_BCRYPT_COST=4 SROI_PSEUDONYM_KEY_FILE="$dir/key" \
  SROI_EVIDENCE_DIR="$dir/evidence" SROI_MAIL_DIR="$dir/mail" "$bin" serve --port "$port" >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/ping" >/dev/null && break; sleep 1; done
SROI_URL="http://127.0.0.1:$port" SROI_PASSWORD="Phone-check-1" python3 scripts/phone-check.py \
  coordinator@voorbeeldstad.nl rapportage@glans.example bestuur@voorbeeldstad.nl beheer@sroi.example bemiddeling@wsp-middenutrecht.example
