# Shared by bench/run.sh, bench/chaos.sh and bench/reply-cost.sh: start the built AppHost on a temp state dir with non-default ports,
# wait for all resources to be Healthy, read URLs and secrets from its resources.json, stop it on exit.
# Source it; then call apphost_start. Needs: ROOT, WORK, PORT_BASE (e.g. 6200), CONFIG (Release|Debug).

RESOURCES_NAMES=(postgres redis webhooks worker dashboard)

apphost_start() {
  STATE="$WORK/state"
  mkdir -p "$STATE"
  local dll="$ROOT/AiSales.AppHost/bin/$CONFIG/net10.0/AiSales.AppHost.dll"
  [[ -f $dll ]] || { echo "build first: dotnet build -c $CONFIG AiSales.AppHost" >&2; return 1; }
  APPHOST_CMD=(dotnet "$dll" "--AppHost:StateDirectory=$STATE"
    "--Ports:webhooks=$((PORT_BASE + 80))" "--Ports:worker=$((PORT_BASE + 70))" "--Ports:dashboard=$((PORT_BASE + 90))"
    "--Ports:postgres=$((PORT_BASE + 32))" "--Ports:redis=$((PORT_BASE + 79))")
  APPHOST_T0=$(date +%s.%N)
  # SIGTERM stops it cleanly (a background job ignores SIGINT); DCP stops every resource.
  # The launch profile's settings (Aspire dashboard on PORT_BASE+88), which running the built AppHost does not read.
  (cd "$ROOT/AiSales.AppHost" && DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
     ASPNETCORE_URLS="http://localhost:$((PORT_BASE + 88))" ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:$((PORT_BASE + 89))" \
     ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://localhost:$((PORT_BASE + 91))" \
     exec "${APPHOST_CMD[@]}") >"$WORK/apphost.out" 2>&1 &
  APPHOST_PID=$!
  local deadline=$((SECONDS + ${COLD_START_TIMEOUT_S:-240}))
  while (( SECONDS < deadline )); do
    if [[ -f $STATE/resources.json ]] && python3 - "$STATE/resources.json" <<'PY' 2>/dev/null
import json, sys
d = json.load(open(sys.argv[1]))
states = {r["name"]: r["state"] for r in d["resources"]}
sys.exit(0 if all(states.get(n) == "Healthy" for n in ["postgres", "aisales", "redis", "webhooks", "worker", "dashboard"]) else 1)
PY
    then
      APPHOST_COLD_S=$(python3 -c "print(round($(date +%s.%N) - $APPHOST_T0, 2))")
      apphost_read
      return 0
    fi
    kill -0 "$APPHOST_PID" 2>/dev/null || { echo "AppHost exited; see $WORK/apphost.out" >&2; tail -20 "$WORK/apphost.out" >&2; return 1; }
    sleep 0.25
  done
  echo "AppHost not healthy within ${COLD_START_TIMEOUT_S:-240}s" >&2
  return 1
}

# Sets WEBHOOKS_URL, OPS_URL (the dashboard's operator API base, <dashboard>/ops), PG_CS, PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE, REDIS_CS, META_SECRET, VERIFY_TOKEN, OPS_KEY, and PID_<name>.
apphost_read() {
  eval "$(python3 - "$STATE/resources.json" <<'PY'
import json, sys, shlex
d = json.load(open(sys.argv[1]))
out = {}
for r in d["resources"]:
    out["PID_" + r["name"]] = r.get("pid") or ""
    if r["name"] == "webhooks": out["WEBHOOKS_URL"] = r["endpoints"][0]
    if r["name"] == "dashboard": out["OPS_URL"] = r["endpoints"][0].rstrip("/") + "/ops"
cs = d["connectionStrings"]["aisales"]
out["PG_CS"] = cs
parts = dict(p.split("=", 1) for p in cs.split(";") if "=" in p)
out.update(PGHOST=parts["Host"], PGPORT=parts["Port"], PGUSER=parts["Username"], PGPASSWORD=parts["Password"], PGDATABASE=parts["Database"])
out["REDIS_CS"] = d["connectionStrings"]["redis"]
s = d["secrets"]
out.update(META_SECRET=s["metaAppSecret"], VERIFY_TOKEN=s["verifyToken"], OPS_KEY=s["operatorApiKey"])
for k, v in out.items(): print(f"export {k}={shlex.quote(str(v))}")
PY
)"
}

# CPU ticks (user+system) of a process and its live children: Postgres backends persist (pooled), so the tree's sum
# across the run is its cost.
ticks() {
  # The root's own time plus its reaped children's (fields 16/17: backends and autovacuum workers that exited), then
  # the live children's own time.
  local total p
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0)
  for p in $(pgrep -P "$1" 2>/dev/null); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
# Stored deliveries so far and the CPU ticks of Webhooks, Postgres and the Worker: two marks around a load give CPU per
# stored delivery (run.sh, ingest-ab.sh).
cpu_mark() { echo "$(psql -qtAX -c 'SELECT count(*) FROM webhook_deliveries') $(ticks "$PID_webhooks") $(ticks "$PID_postgres") $(ticks "$PID_worker")"; }

# RSS in MiB of a pid and all its descendants (Postgres is a process tree).
rss_tree_mib() {
  local pid=$1 total=0 p
  [[ -n $pid ]] || { echo "-"; return; }
  for p in $pid $(pgrep -P "$pid" 2>/dev/null); do
    total=$((total + $(ps -o rss= -p "$p" 2>/dev/null || echo 0)))
  done
  echo $((total / 1024))
}

apphost_stop() {
  [[ -n ${APPHOST_PID:-} ]] || return 0
  if kill -0 "$APPHOST_PID" 2>/dev/null; then
    kill -TERM "$APPHOST_PID" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$APPHOST_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$APPHOST_PID" 2>/dev/null || true
  fi
  APPHOST_PID=
  # A service whose `dotnet run` launcher was killed (a fault script hitting it before the service was up) is no longer
  # DCP's child and outlives the AppHost: end this run's leftovers.
  # DCP stops the services after the AppHost is gone: give it a moment before calling anything a leftover.
  local name pid left
  for _ in $(seq 1 40); do
    left=$(for name in webhooks worker dashboard; do service_pids "$name"; done)
    [[ -z $left ]] && return 0
    sleep 0.25
  done
  for name in webhooks worker dashboard; do
    for pid in $(service_pids "$name"); do kill -KILL "$pid" 2>/dev/null && echo "stopped a leftover $name process (pid $pid)" >&2; done
  done
  return 0
}

# Pids of this run's processes of a service (webhooks, worker or dashboard): the service's own binary, never the
# `dotnet run` launcher Aspire starts it through. resources.json can name the launcher (read before the service was
# up), and killing a launcher leaves its service running, orphaned. Matched by this run's database password in the
# process environment, so another run from the same checkout is never touched and an orphan is still found.
service_pids() {
  local exe pid
  case $1 in webhooks) exe=AiSales.Webhooks ;; worker) exe=AiSales.Worker ;; dashboard) exe=AiSales.Dashboard ;; *) return 1 ;; esac
  [[ -n ${PGPASSWORD:-} ]] || return 0
  for pid in $(pgrep -f "$ROOT/$exe/bin/[^ ]+/$exe( |\$)"); do
    grep -qaF "Password=$PGPASSWORD;" "/proc/$pid/environ" 2>/dev/null && echo "$pid"
  done
  return 0
}

machine_details() {
  local pgv redisv
  pgv=$(/usr/lib/postgresql/15/bin/postgres --version 2>/dev/null || echo "?")
  redisv=$(redis-server --version 2>/dev/null | awk '{print $3}')
  cat <<EOF
- nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
- RAM: $(free -h | awk '/Mem:/{print $2}'); kernel $(uname -r); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)
- .NET SDK $(dotnet --version); $pgv; Redis ${redisv#v=}
EOF
}
