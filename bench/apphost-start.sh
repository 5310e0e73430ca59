#!/usr/bin/env bash
# AppHost start and stop on this machine: N runs of the built AppHost (Debug unless CONFIG=Release) on a temp state
# directory and non-default ports. Per run: seconds from process start to every resource Healthy in resources.json
# (the first run includes initdb), seconds from SIGTERM to no process of the run left (AppHost, DCP, services,
# servers), and the leftovers if any. Results go to docs/hosting.md by hand.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-3}
CONFIG=${CONFIG:-Debug}
PORT_BASE=${PORT_BASE:-6400}
dotnet build -c "$CONFIG" "$ROOT/AiSales.AppHost" -v q -nologo >/dev/null
STATE=$(mktemp -d /tmp/aisales-start-XXXXXX)
trap 'rm -rf "$STATE"' EXIT

descendants() { local p; for p in $(pgrep -P "$1" 2>/dev/null); do echo "$p"; descendants "$p"; done; }
live() { local p; for p in "$@"; do [[ -d /proc/$p ]] && ! grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null && echo "$p"; done; }

printf '| run | start → all Healthy (s) | SIGTERM → nothing left (s) | left behind |\n|---|---|---|---|\n'
for run in $(seq 1 "$RUNS"); do
  t0=$(date +%s.%N)
  # The launch profile's settings, which running the built AppHost directly does not read.
  (cd "$ROOT/AiSales.AppHost" && DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
     ASPNETCORE_URLS="http://localhost:$((PORT_BASE + 88))" ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:$((PORT_BASE + 89))" \
     ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://localhost:$((PORT_BASE + 91))" \
     exec dotnet "bin/$CONFIG/net10.0/AiSales.AppHost.dll" "--AppHost:StateDirectory=$STATE" \
     "--Ports:webhooks=$((PORT_BASE + 80))" "--Ports:worker=$((PORT_BASE + 70))" "--Ports:dashboard=$((PORT_BASE + 90))") \
     >"$STATE/apphost-$run.out" 2>&1 &
  pid=$!
  until [[ -f $STATE/resources.json ]] && python3 - "$STATE/resources.json" <<'PY' 2>/dev/null
import json, sys
d = json.load(open(sys.argv[1]))
s = {r["name"]: r["state"] for r in d["resources"]}
sys.exit(0 if all(s.get(n) == "Healthy" for n in ["postgres", "aisales", "redis", "webhooks", "worker", "dashboard"]) else 1)
PY
  do
    kill -0 "$pid" 2>/dev/null || { echo "AppHost exited; see $STATE/apphost-$run.out" >&2; exit 1; }
    sleep 0.1
  done
  started=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
  tree=$(descendants "$pid"; pgrep -f "monitor $pid" || true)
  t1=$(date +%s.%N)
  kill -TERM "$pid"
  deadline=$((SECONDS + 60))
  while [[ -n $(live "$pid" $tree) ]] && (( SECONDS < deadline )); do sleep 0.1; done
  left=$(for p in $(live "$pid" $tree); do ps -o comm= -p "$p"; done | tr '\n' ' ')
  stopped=$(python3 -c "print(round($(date +%s.%N) - $t1, 1))")
  printf '| %s | %s | %s | %s |\n' "$run" "$started" "$stopped" "${left:-none}"
done
