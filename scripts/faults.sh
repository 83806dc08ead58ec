#!/usr/bin/env bash
# Fault tests against real processes (PostgreSQL from Debian's packages):
#  1. PostgreSQL restarted under load: while wrk reads the API, the database restarts; requests in between fail
#     cleanly (an error answer, never a hang or a crash) and sroi answers again afterwards without a restart.
#  2. Two instances on one PostgreSQL: a session made on one is valid on the other (stateless app instances).
# Prints what it saw and exits non-zero when a promise does not hold.
set -euo pipefail
cd "$(dirname "$0")/.."
database_url=$(SROI_PG_DATABASE=sroi_faults scripts/start-postgres.sh)
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
su postgres -c "psql -q -d sroi_faults -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION sroi;'" >/dev/null
bin=".build/debug/sroi"; [ -x "$bin" ] || swift build --product sroi
# wrk from Debian's packages makes the load; without it the restart test would measure nothing.
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dir=$(mktemp -d)
export DATABASE_URL="$database_url" SROI_DEMO_PASSWORD="Fouten-test-1" SROI_BCRYPT_COST=4 SROI_PSEUDONYM_KEY_FILE="$dir/key" SROI_EVIDENCE_DIR="$dir/evidence"
"$bin" serve --port 8092 >"$dir/a.log" 2>&1 & a=$!
trap 'kill $a $b 2>/dev/null || true; rm -rf "$dir"' EXIT
b=""
for _ in $(seq 1 90); do curl -sf http://127.0.0.1:8092/ping >/dev/null && break; sleep 1; done
SROI_DEMO=0 "$bin" serve --port 8093 >"$dir/b.log" 2>&1 & b=$!
for _ in $(seq 1 90); do curl -sf http://127.0.0.1:8093/ping >/dev/null && break; sleep 1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"coordinator@voorbeeldstad.nl","password":"Fouten-test-1"}' \
  http://127.0.0.1:8092/api/v1/login | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

echo "== Two instances on one PostgreSQL"
# A web session: log in on A, read a page on B with the same cookie.
jar="$dir/jar"
csrf=$(curl -sf -c "$jar" http://127.0.0.1:8092/login | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"//')
curl -sf -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=coordinator@voorbeeldstad.nl" --data-urlencode "password=Fouten-test-1" \
  --data-urlencode "_csrf=$csrf" http://127.0.0.1:8092/login
page=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' http://127.0.0.1:8093/contracts)
api=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" http://127.0.0.1:8093/api/v1/contracts)
echo "session from A read on B: $page; token from A used on B: $api"
[ "$page" = 200 ] && [ "$api" = 200 ]

echo "== PostgreSQL restarted under load"
wrk -t2 -c8 -d12s -H "Authorization: Bearer $token" http://127.0.0.1:8092/api/v1/contracts >"$dir/wrk.txt" 2>&1 & load=$!
sleep 3
pg_ctlcluster "$version" main restart
sleep 1
during=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" http://127.0.0.1:8092/api/v1/contracts || echo timeout)
wait $load || true
after=""
for _ in $(seq 1 20); do
  after=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" http://127.0.0.1:8092/api/v1/contracts || echo timeout)
  [ "$after" = 200 ] && break
  sleep 1
done
requests=$(awk '/requests in/ {print $1}' "$dir/wrk.txt")
failed=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$dir/wrk.txt")
socket=$(grep -o "Socket errors:.*" "$dir/wrk.txt" || echo "Socket errors: none")
[ "${requests:-0}" != 0 ] || { echo "wrk made no requests: the load test measured nothing"; cat "$dir/wrk.txt"; exit 1; }
echo "under load: ${requests:-0} requests, ${failed:-0} answered with an error while the database restarted ($socket); right after: $during; then: $after"
kill -0 $a && echo "sroi kept running (no restart needed)"
[ "$after" = 200 ]
grep -q "Socket errors: connect" "$dir/wrk.txt" && { echo "connections refused: sroi went down"; exit 1; } || true
echo "faults: ok"
