#!/usr/bin/env bash
# Load test with wrk (Debian's package), against 127.0.0.1 only and bounded in time: the read API, the dashboard
# and a plaintext route of the same server in the same run, on the data set of `sroi bench dashboard`.
#
#   scripts/load.sh [sqlite FILE | postgres URL] [seconds per route, default 10] [connections, default 16] [writes a second, default 0]
#
# Prints requests per second, latency percentiles and errors per route, and each route's ratio to /ping. Needs the
# sqlite3 shell or psql: the buyer's public figures are published for the run and put back as they were.
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-sqlite}"; target="${2:-sroi-bench.sqlite}"; seconds="${3:-10}"; connections="${4:-16}"; writes="${5:-0}"
bin="${SROI_BIN:-.build-release/release/sroi}"
[ -x "$bin" ] || bin=".build/debug/sroi"
port=8089
command -v wrk >/dev/null || { echo "wrk ontbreekt: apt-get install wrk" >&2; exit 1; }

export SROI_DEMO=0 SROI_TODAY=2026-11-27 SROI_BCRYPT_COST=4 SROI_PASSWORD="Belasting-test-1" SROI_PSEUDONYM_KEY_FILE=/tmp/sroi-load.key
if [ "$kind" = postgres ]; then export DATABASE_URL="$target"; else unset DATABASE_URL; export SROI_SQLITE_PATH="$target"; fi
[ "$kind" = postgres ] || [ -f "$target" ] || { echo "$target bestaat niet: draai eerst sroi bench dashboard --sqlite $target" >&2; exit 1; }

# A coordinator of the first buyer (created once; a second run finds it).
"$bin" user create --email load@bench.example --name "Belastingtest" --organisation "Opdrachtgever 001" --role coordinator >/dev/null 2>&1 || true
"$bin" serve --port "$port" >/tmp/sroi-load.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/ping" >/dev/null && break; sleep 1; done
# The first round of reminders runs at start (on the national data set 3 s of one core; 16 s before they were
# batched): wait until the server is idle, so it does not share the cores with the routes measured.
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
for _ in $(seq 1 120); do a=$(cpu); sleep 1; b=$(cpu); [ $((b - a)) -le 5 ] && break; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"load@bench.example","password":"Belasting-test-1"}' \
  "http://127.0.0.1:$port/api/v1/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
org=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["organisation"]["id"])')
contract=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/contracts" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

# With WRITES > 0 a writer changes another contract's title that many times a second while the routes run (and
# gives it its own title back at the end): every change makes every kept answer stale (`AnswerCache`), so the
# routes compute again after each one.
writer=""
if [ "$writes" -gt 0 ]; then
  other=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/contracts" | python3 -c 'import json,sys; print(json.load(sys.stdin)[1]["id"])')
  python3 - "$port" "$token" "$other" "$writes" >/tmp/sroi-load-writes.log 2>&1 <<'PY' &
import http.client, json, signal, sys, time
port, token, contract, rate = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
connection = http.client.HTTPConnection("127.0.0.1", int(port))
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
def call(method, body=None):
    connection.request(method, f"/api/v1/contracts/{contract}", body=body and json.dumps(body), headers=headers)
    response = connection.getresponse()
    return response.status, response.read()
status, body = call("GET")
title = json.loads(body)["title"]
def stop(*_):
    call("PATCH", {"title": title})  # the data set keeps its own title
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
n, start = 0, time.monotonic()
while True:
    n += 1
    status, _ = call("PATCH", {"title": f"{title} ({n % 2})"})
    if status != 200: print("schrijven mislukt:", status, flush=True)
    if n % 50 == 0: print(f"{n} wijzigingen, {n / (time.monotonic() - start):.1f} per seconde", flush=True)
    time.sleep(max(0.0, start + n / rate - time.monotonic()))
PY
  writer=$!
fi

# The buyer's public figures (no login) are published for the run; the buyer's own choice is put back at the end.
sql() { if [ "$kind" = postgres ]; then psql -qtA "$target" -c "$1"; else sqlite3 "$target" "$1"; fi; }
published=$(sql "SELECT COALESCE(published_figures, '-') FROM organisations WHERE id = '$org'")
sql "UPDATE organisations SET published_figures = 'contracts,obligation,realised,people,jobs,durable,blocks' WHERE id = '$org'" >/dev/null
restore() {
  if [ "$published" = "-" ]; then sql "UPDATE organisations SET published_figures = NULL WHERE id = '$org'" >/dev/null
  else sql "UPDATE organisations SET published_figures = '$published' WHERE id = '$org'" >/dev/null; fi
}
trap 'kill $server ${writer:-} 2>/dev/null || true; restore' EXIT

echo "Belasting op $kind, $(nproc) cores, $connections verbindingen, $seconds s per route, $writes wijzigingen per seconde, $(date -u +%Y-%m-%d)"
printf '%-44s %10s %9s %9s %9s %8s %8s\n' route "req/s" "p50 ms" "p90 ms" "p99 ms" fouten "÷ /ping"
# /ping is measured first and again last; the ratios divide by the higher of the two, so a slow moment of the
# machine during one /ping run cannot flatter the other routes (run to run /ping varies by up to a third here).
# Routes marked "anoniem:" are asked without a token, as anyone on the internet may.
routes=(/ping /api/v1/contracts/$contract /api/v1/contracts/$contract/progress /api/v1/contracts "/api/v1/organisations/$org/dashboard?year=2026"
        "anoniem:/api/v1/public/organisations/$org/figures?year=2026" "anoniem:/openbaar/$org?year=2026" /ping)
lines=(); rates=()
for route in "${routes[@]}"; do
  auth=(-H "Authorization: Bearer $token")
  if [[ "$route" == anoniem:* ]]; then route="${route#anoniem:}"; auth=(); fi
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${auth[@]}" "http://127.0.0.1:$port$route")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  pct() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; print v}' <<<"$out"; }
  errors=$(awk '/Non-2xx or 3xx responses/ {print $5} /Socket errors/ {print "socket"}' <<<"$out" | head -1)
  name="${route//$contract/:id}"; name="${name//$org/:id}"
  lines+=("$name|$rps|$(pct 50%)|$(pct 90%)|$(pct 99%)|${errors:-0}")
  rates+=("$rps")
done
base=$(python3 -c "print(max(${rates[0]}, ${rates[-1]}))")
for i in "${!lines[@]}"; do
  IFS='|' read -r name rps p50 p90 p99 errors <<<"${lines[$i]}"
  [ "$i" -eq $((${#lines[@]} - 1)) ] && name="/ping (again, at the end)"
  printf '%-44s %10.0f %9s %9s %9s %8s %8.3f\n' "$name" "$rps" "$p50" "$p90" "$p99" "$errors" "$(python3 -c "print($rps/$base)")"
done
[ -z "$writer" ] || { kill "$writer" 2>/dev/null || true; wait "$writer" 2>/dev/null || true; echo "schrijver: $(tail -1 /tmp/sroi-load-writes.log)"; }
