#!/usr/bin/env bash
# What one customer message costs the reply pipeline: starts the built AppHost (temp state, ports PORT_BASE+NN), seeds
# MERCHANTS sandbox merchants (debounce DEBOUNCE_S, offline responder), sends RATE msg/s for DURATION_S s (each a new
# customer), waits until every reply is sent, then prints per message: CPU ms of the Worker, Postgres (all backends),
# Webhooks; Postgres transactions and row writes; end-to-end reply rate and latency (POST committed → reply sent).
# CPU time is what the work costs whatever else the machine does; wall-clock figures need a quiet machine.
# Env: RATE (200) DURATION_S (20) WARMUP_S (5) MERCHANTS (1000) DEBOUNCE_S (0) PORT_BASE (6500) CONFIG (Release) NO_BUILD=1 KEEP_WORK=1
# After the warm-up drained, the load runs SETTLE_S (10) + DURATION_S without a break and the last DURATION_S are measured
# (SETTLE_S=0: measured from the first message after the idle pause, as in the rounds before the seventh).
# WINDOWS_S=5 (latency per window of arrivals) PERF=<file> (Worker samples) PERF_PG=<file> (all processes, load window only)
# PG_SET="name=value …" (Postgres settings for the run, ALTER SYSTEM + reload: e.g. commit_delay=50 commit_siblings=3)
# PG_SQL="ALTER TABLE …" (SQL run once before seeding: per-table storage or statistics settings to compare)
# LLM_DELAY_MS=1000 (replies from an OpenAI-compatible stand-in answering after that delay, not the offline responder)
# STAGES=1 (latency by stage: ingest, reply, send; medians and the slowest 1 %)
# TABLES=1 (row writes per message by table: inserts, updates and how many of them were HOT, deletes; index count)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RATE=${RATE:-200} SECONDS_=${DURATION_S:-20} MERCHANTS=${MERCHANTS:-1000} DEBOUNCE_S=${DEBOUNCE_S:-0}
PORT_BASE=${PORT_BASE:-6500} CONFIG=${CONFIG:-Release}
ACCOUNT_BASE=17841477000000000
WORK=$(mktemp -d /tmp/aisales-cost.XXXXXX); chmod 755 "$WORK"  # the private Postgres runs as another user
source "$ROOT/bench/lib/apphost.sh"
source "$ROOT/bench/lib/replies.sh"
cleanup() { apphost_stop; [[ -n ${LLM_PID:-} ]] && kill "$LLM_PID" 2>/dev/null; if [[ ${KEEP_WORK:-0} == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

if [[ ${NO_BUILD:-0} != 1 ]]; then
  dotnet build -c "$CONFIG" AiSales.AppHost -v q -nologo >/dev/null
  dotnet build -c Release bench/LoadGen -v q -nologo >/dev/null
fi
[[ -n ${PERF:-} ]] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
# JITLOG=<file>: every method the services JIT (DOTNET_JitDisasmSummary); the part written during the measured
# load shows code generated in steady state (e.g. a query or serializer rebuilt per message).
[[ -n ${JITLOG:-} ]] && export DOTNET_JitDisasmSummary=1 DOTNET_JitStdOutFile="$JITLOG"
if [[ -n ${LLM_DELAY_MS:-} ]]; then
  # LLM_DELAY_MS=1000: replies come from an OpenAI-compatible stand-in answering after that delay (bench/FakeLlm) instead
  # of the offline responder; the AppHost passes these settings through to the Worker.
  [[ ${NO_BUILD:-0} == 1 ]] || dotnet build -c Release bench/FakeLlm -v q -nologo >/dev/null
  dotnet bench/FakeLlm/bin/Release/net10.0/FakeLlm.dll --urls "http://127.0.0.1:$((PORT_BASE + 60))" --delay-ms "$LLM_DELAY_MS" >"$WORK/fakellm.out" 2>&1 &
  LLM_PID=$!
  export Ai__Provider=openai-compatible Ai__Endpoint="http://127.0.0.1:$((PORT_BASE + 60))/v1/" Ai__ApiKey=bench
fi
apphost_start
# The load generator is not what is measured: keep the services' JIT log settings away from it.
loadgen() { env -u DOTNET_JitDisasmSummary -u DOTNET_JitStdOutFile dotnet bench/LoadGen/bin/Release/net10.0/LoadGen.dll "$@"; }
echo "healthy after ${APPHOST_COLD_S}s"
if [[ ${PGSS:-0} == 1 ]]; then  # PGSS=1: top statements by Postgres time (pg_stat_statements; restarts the private server)
  psql -qtAX -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" >/dev/null
  kill -INT "$PID_postgres"  # the AppHost restarts it with the new setting; the services reconnect
  sleep 3
  for _ in $(seq 1 120); do psql -qtAX -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null 2>&1 && break; sleep 0.5; done
  # Planning counted too: a statement re-planned on every call shows plans ≈ calls.
  psql -qtAX -c "ALTER SYSTEM SET pg_stat_statements.track_planning = on" -c "SELECT pg_reload_conf()" >/dev/null
  apphost_read  # new postgres pid
fi

if [[ -n ${PG_SET:-} ]]; then  # PG_SET="commit_delay=50 commit_siblings=3": server settings to compare (reloadable ones)
  for kv in $PG_SET; do psql -qtAX -c "ALTER SYSTEM SET ${kv%%=*} = '${kv#*=}'" >/dev/null; done
  psql -qtAX -c "SELECT pg_reload_conf()" >/dev/null
  echo "postgres settings: $(for kv in $PG_SET; do printf '%s=%s ' "${kv%%=*}" "$(psql -qtAX -c "SHOW ${kv%%=*}")"; done)"
fi

if [[ -n ${PG_SQL:-} ]]; then  # PG_SQL="ALTER TABLE …; …": schema or storage settings to compare, run once before seeding
  psql -qtAX -v ON_ERROR_STOP=1 -c "$PG_SQL" >/dev/null
  echo "ran PG_SQL"
fi

seed_reply_merchants 'Cost shop' cost-shop- "$MERCHANTS" "$DEBOUNCE_S" "$ACCOUNT_BASE"

pg_counters() { psql -qtAX -F ' ' -c "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, w.wal_records, w.wal_fpi, w.wal_bytes, w.wal_sync FROM pg_stat_database, pg_stat_wal w WHERE datname = current_database()"; }
HZ=$(getconf CLK_TCK)
# The host's CPU ticks stolen by other guests (steal) and all ticks so far: a run on a busy host reads slower for it.
cpu_steal() { awk '/^cpu /{t=0; for (i=2; i<=9; i++) t+=$i; print $9, t}' /proc/stat; }
# Per-table write counters: an update that is not HOT (it changes an indexed column, or a partial index's predicate
# column, or its page is full) writes an entry into every index of the table. Wolverine's schema ("wolverine",
# MessagingHostingExtensions.Schema) is listed from Postgres' statistics only, whatever its tables are named: its
# tables themselves are never queried, so a Wolverine upgrade changes the names shown, not the check.
table_counters() { psql -qtAX -F ' ' -c "SELECT s.schemaname || '.' || s.relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid) FROM pg_stat_all_tables s WHERE s.schemaname IN ('public', 'wolverine')"; }

# Customer messages at RATE for $1 seconds, each from a new customer, results in the JSON file $2.
send_load() {
  loadgen --url "$WEBHOOKS_URL" --secret "$META_SECRET" --unique --unique-senders --now \
    --accounts "$MERCHANTS" --account-base "$ACCOUNT_BASE" --only instagram_dm_text_real_raw --rate "$RATE" --concurrency 64 \
    --duration "${1}s" --mode reply --json "$2"
}

# The start of the measured window: counters, T0 (messages received from here on are the ones measured), probes.
measure_start() {
  # STATEMENTS=1: log every statement of the measured load (Postgres log in the state dir) to count them by kind.
  [[ ${STATEMENTS:-0} == 1 ]] && psql -qtAX -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
  [[ ${PGSS:-0} == 1 ]] && psql -qtAX -c "SELECT pg_stat_statements_reset()" >/dev/null
  [[ ${TABLES:-0} == 1 ]] && table_counters >"$WORK/tables0.txt"
  read -r st0 all0 <<<"$(cpu_steal)"
  read -r x0 w0 wr0 wf0 wb0 ws0 <<<"$(pg_counters)"; cw0=$(ticks "$PID_worker"); cp0=$(ticks "$PID_postgres"); ch0=$(ticks "$PID_webhooks")
  T0=$(psql -qtAX -c "SELECT now()")
  [[ -n ${JITLOG:-} ]] && JIT_MARK=$(wc -l <"$JITLOG")
  if [[ -n ${PERF:-} ]]; then  # PERF=<file>: CPU samples of the Worker during the load (linux-perf; symbols via DOTNET_PerfMapEnabled)
    perf record -F 499 -g -p "$PID_worker" -o "$PERF" -- sleep "$((SECONDS_ + 5))" >/dev/null 2>&1 &
  fi
  if [[ -n ${PERF_PG:-} ]]; then  # PERF_PG=<file>: CPU samples of every process during the load only; read Postgres' with --comm postgres
    perf record -F 499 -g -a -o "$PERF_PG" -- sleep "$SECONDS_" >/dev/null 2>&1 &
  fi
  return 0
}

# Warm-up load (JIT, pools, caches), then wait for it to drain.
if (( ${WARMUP_S:-5} > 0 )); then
  W0=$(psql -qtAX -c "SELECT now()")
  send_load "${WARMUP_S:-5}" "$WORK/warm.json" >/dev/null
  WN=$(python3 -c "import json; print(json.load(open('$WORK/warm.json'))['ok'])")
  for _ in $(seq 1 600); do
    [[ $(psql -qtAX -c "SELECT count(*) FROM outbound_sends WHERE state = 'sent' AND created_at >= '$W0'") -ge $WN ]] && break
    sleep 0.5
  done
fi
sleep 2
# The measured load starts from idle; its first SETTLE_S seconds (threads, connections, caches back up to speed) run but
# are not measured, so the figures are the steady state of a sustained rate (SETTLE_S=0: measured from the first message).
SETTLE_S=${SETTLE_S:-10}
TS=$(psql -qtAX -c "SELECT now()")
# The load generator shares the 2 cores with what it measures: its own CPU (bash `times` of the subshell's children,
# user and system seconds) is printed with the services' so a run can be read for how much of the box was the harness.
( send_load "$((SETTLE_S + SECONDS_))" "$WORK/load.json" | tail -3; times >"$WORK/loadgen.times" ) &
LOAD_PID=$!
sleep "$SETTLE_S"
measure_start
wait "$LOAD_PID"
N=$(psql -qtAX -c "SELECT count(*) FROM webhook_deliveries WHERE received_at >= '$T0'")
LG_N=$(python3 -c "import json; print(json.load(open('$WORK/load.json'))['ok'])")  # the generator's CPU covers its whole load
# Every message of the load (settle period included: the warm-up drained before TS) has its reply sent.
for _ in $(seq 1 600); do
  sent=$(psql -qtAX -c "SELECT count(*) FROM outbound_sends WHERE state = 'sent' AND created_at >= '$TS'")
  [[ $sent -ge $LG_N ]] && break
  sleep 0.5
done
# Sessions each service holds open at the end of the load: every one of them caches plans and relation entries, which an
# autovacuum/analyze round invalidates in all of them at once.
sessions() { local pid=$1; ss -Htnp state established "( dport = :$PGPORT )" 2>/dev/null | grep -c "pid=$pid," || true; }
SESSIONS="worker $(sessions "$PID_worker"), webhooks $(sessions "$PID_webhooks"), dashboard $(sessions "$PID_dashboard")"
[[ -n ${JITLOG:-} ]] && tail -n +"$((JIT_MARK + 1))" "$JITLOG" >"$JITLOG.steady" && echo "methods JIT-compiled during the measured load: $(wc -l <"$JITLOG.steady") ($JITLOG.steady)"
[[ ${TABLES:-0} == 1 ]] && table_counters >"$WORK/tables1.txt"
read -r st1 all1 <<<"$(cpu_steal)"
read -r x1 w1 wr1 wf1 wb1 ws1 <<<"$(pg_counters)"; cw1=$(ticks "$PID_worker"); cp1=$(ticks "$PID_postgres"); ch1=$(ticks "$PID_webhooks")

# Read before the latency queries below (an ANALYZE and joins over the run's rows), which would otherwise top the list.
if [[ ${PGSS:-0} == 1 ]]; then
  echo "top statements by Postgres time (ms executing + planning per customer message, calls and plans per message):"
  psql -qtAX -F ' | ' -c "SELECT round((total_exec_time / $N)::numeric, 3), round((total_plan_time / $N)::numeric, 3), round(calls::numeric / $N, 2), round(plans::numeric / $N, 2), left(regexp_replace(query, '\s+', ' ', 'g'), 110) FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT ${PGSS_TOP:-15}"
fi
reply_latency "$T0" >"$WORK/latency.txt"
if [[ -n ${WINDOWS_S:-} ]]; then  # WINDOWS_S=5: latency per 5-second window of arrivals (time | messages | p50 | p99 | max ms)
  echo "POST → reply sent by arrival window:"; reply_latency_windows "$T0" "$WINDOWS_S"
  echo "background work since start (table | autovacuums | autoanalyzes; checkpoints):"
  psql -qtAX -F ' | ' -c "SELECT schemaname || '.' || relname, autovacuum_count, autoanalyze_count FROM pg_stat_all_tables WHERE autovacuum_count + autoanalyze_count > 0 ORDER BY 2 DESC, 3 DESC" \
    -c "SELECT 'checkpoints timed ' || checkpoints_timed || ', requested ' || checkpoints_req FROM pg_stat_bgwriter"
fi
if [[ ${STAGES:-0} == 1 ]]; then
  echo "POST → reply sent by stage (ms: delivery processed | reply queued | reply sent):"; reply_latency_stages "$T0"
fi
IFS='|' read -r _ replied p50 p99 proc50 _ rate <"$WORK/latency.txt"
if [[ ${TABLES:-0} == 1 ]]; then
  echo "row writes per customer message by table (inserts | updates | of them HOT | deletes | indexes):"
  python3 - "$WORK/tables0.txt" "$WORK/tables1.txt" "$N" <<'PY'
import sys
read = lambda f: {r[0]: list(map(int, r[1:])) for r in (l.split() for l in open(f) if l.strip())}
a, b, n = read(sys.argv[1]), read(sys.argv[2]), max(1, int(sys.argv[3]))
rows = [(t, [(v - a.get(t, [0] * 5)[i]) / n for i, v in enumerate(b[t][:4])], b[t][4]) for t in b]
for t, d, ix in sorted(rows, key=lambda r: -sum(r[1])):
    if sum(d) >= 0.01: print(f"{t} | {d[0]:.2f} | {d[1]:.2f} | {d[2]:.2f} | {d[3]:.2f} | {ix}")
PY
fi
per() { python3 -c "print(round(($2 - $1) / max(1, $N) * $3, 2))"; }
echo "messages accepted: $N, replies sent: $replied"
[[ -n ${LLM_PID:-} ]] && echo "LLM stand-in: $(curl -s "http://127.0.0.1:$((PORT_BASE + 60))/stats") (every reply drafted by it is one completion)"
lg_ms=$(python3 -c "import re; u, s = [float(m) * 60 + float(x) for m, x in re.findall(r'(\d+)m([\d.]+)s', open('$WORK/loadgen.times').read().splitlines()[1])]; print(round((u + s) * 1000 / max(1, $LG_N), 2))")
echo "per message: worker CPU $(per "$cw0" "$cw1" "1000/$HZ") ms, postgres CPU $(per "$cp0" "$cp1" "1000/$HZ") ms, webhooks CPU $(per "$ch0" "$ch1" "1000/$HZ") ms (load generator $lg_ms ms)"
echo "per message: postgres transactions $(per "$x0" "$x1" 1), row writes $(per "$w0" "$w1" 1), WAL records $(per "$wr0" "$wr1" 1) (full-page images $(per "$wf0" "$wf1" 1)), WAL bytes $(per "$wb0" "$wb1" 1), WAL flushes $(per "$ws0" "$ws1" 1)"
echo "Postgres sessions held at the end of the load: $SESSIONS"
echo "CPU stolen by the host during the load: $(python3 -c "print(round(100 * ($st1 - $st0) / max(1, $all1 - $all0), 1))") %"
echo "reply rate ${rate:-n/a}/s; POST → reply sent p50 ${p50:-n/a} ms, p99 ${p99:-n/a} ms; POST → delivery processed p50 ${proc50:-n/a} ms"
if (( SETTLE_S > 0 )); then  # the same with the settle period: what a sustained load's start from idle adds
  IFS='|' read -r _ _ s50 s99 _ _ _ < <(reply_latency "$TS")
  echo "including the first ${SETTLE_S} s after the idle pause (left out above): POST → reply sent p50 ${s50:-n/a} ms, p99 ${s99:-n/a} ms"
fi
