#!/usr/bin/env bash
# Runs schemathesis (PyPI) against the OpenAPI document of a running sroi with demo data: no request may answer
# a server error, and every answer must match its schema. Logging out and "log out everywhere" are left out, as
# they would end the token the run uses.
#
#   scripts/schemathesis.sh [examples per operation, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${1:-10}"
port=8091
dir=$(mktemp -d)
python3 -m pip install -q schemathesis >/dev/null 2>&1 || python3 -m pip install -q --break-system-packages schemathesis
bin=".build/debug/sroi"; [ -x "$bin" ] || swift build --product sroi
SROI_SQLITE_PATH="$dir/sroi.sqlite" SROI_DEMO_PASSWORD="Schema-test-1" SROI_BCRYPT_COST=4 SROI_PSEUDONYM_KEY_FILE="$dir/key" \
  SROI_EVIDENCE_DIR="$dir/evidence" "$bin" serve --port "$port" >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/ping" >/dev/null && break; sleep 1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"coordinator@voorbeeldstad.nl","password":"Schema-test-1"}' \
  "http://127.0.0.1:$port/api/v1/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
schemathesis run Sources/SROIApp/Resources/openapi.yaml -u "http://127.0.0.1:$port" -H "Authorization: Bearer $token" \
  -c not_a_server_error,response_schema_conformance -n "$examples" --phases examples,fuzzing --seed 20261127 \
  --exclude-path-regex '/api/v1/(logout|sessions/revoke)'
