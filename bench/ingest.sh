#!/usr/bin/env bash
# One ingest comparison run on this machine: bare Kestrel (HTTP ceiling), pgbench single-row INSERT
# (database ceiling) and, when INGEST_URL + META_SECRET are set, the real ingest endpoint — all at the
# same concurrency. Prints a summary with ratios and appends a dated section to docs/BENCHMARKS.md.
#
# Env: CONCURRENCY (32) DURATION_S (10) WARMUP_S (2) RATE (unset = closed loop) BARE_PORT (5099)
#      INGEST_URL + META_SECRET (optional real ingest), PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE
#      (optional; otherwise a private throwaway Postgres with fsync on), PGBENCH_WITH_JOB=1,
#      NO_APPEND=1 (do not touch docs/BENCHMARKS.md), SECTION_TITLE (markdown heading).
set -euo pipefail
cd "$(dirname "$0")/.."

concurrency=${CONCURRENCY:-32} duration=${DURATION_S:-10} warmup=${WARMUP_S:-2} bare_port=${BARE_PORT:-5099}
rate_args=(); [[ -n ${RATE:-} ]] && rate_args=(--rate "$RATE")
work=$(mktemp -d /tmp/aisales-bench.XXXXXX); chmod 755 "$work"
pids=() pg_data=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [[ -n $pg_data ]] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
log() { echo "== $*" >&2; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)   # other work on the box skews everything; say how busy it was
log "building Release"
dotnet build -c Release -v q -nologo bench/LoadGen >/dev/null
dotnet build -c Release -v q -nologo bench/BareKestrel >/dev/null
loadgen=(dotnet bench/LoadGen/bin/Release/net10.0/LoadGen.dll)
common=(--concurrency "$concurrency" --duration "${duration}s" --warmup "${warmup}s" "${rate_args[@]}")

# 1. Bare Kestrel: the same requests, answered 200 without any work.
port_free "$bare_port" || { echo "port $bare_port is busy" >&2; exit 1; }
dotnet bench/BareKestrel/bin/Release/net10.0/BareKestrel.dll --urls "http://127.0.0.1:$bare_port" >"$work/bare.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fs -o /dev/null -X POST "http://127.0.0.1:$bare_port/webhooks/instagram" && break; sleep 0.1; done
bare_cmd=("${loadgen[@]}" --url "http://127.0.0.1:$bare_port" --secret bench-secret --mode bare "${common[@]}" --json "$work/bare.json")
log "${bare_cmd[*]}"
"${bare_cmd[@]}"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()   # free the cores for the next stage

# 2. Postgres: the given server, or a private one with fsync on (the durability the ingest pays for).
if [[ -z ${PGHOST:-} ]]; then
  [[ $(id -u) == 0 ]] || { echo "set PGHOST etc. or run as root for a private Postgres" >&2; exit 1; }
  pg_port=55490; while ! port_free "$pg_port"; do pg_port=$((pg_port + 1)); done
  install -d -o postgres -g postgres "$work/pg" "$work/pg/data"; pg_data="$work/pg/data"   # log + socket live there too
  log "starting private Postgres on 127.0.0.1:$pg_port (fsync on)"
  runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pg_data" -A trust -U postgres >/dev/null
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_data" -w -l "$work/pg/server.log" start \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=$((concurrency + 20)) -c shared_buffers=256MB" >/dev/null
  export PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres PGDATABASE=postgres
fi
pg_cmd=(bench/pgbench-insert.sh -c "$concurrency" -T "$duration" --json "$work/pg.json")
[[ ${PGBENCH_WITH_JOB:-0} == 1 ]] && pg_cmd+=(--with-job)
log "PGHOST=$PGHOST PGPORT=${PGPORT:-5432} ${pg_cmd[*]}"
"${pg_cmd[@]}"

# 3. The real ingest, when wired (the AppHost or a hand-started Webhooks service).
ingest_cmd=()
if [[ -n ${INGEST_URL:-} && -n ${META_SECRET:-} ]]; then
  ingest_cmd=("${loadgen[@]}" --url "$INGEST_URL" --secret "$META_SECRET" --mode ingest --unique "${common[@]}" --json "$work/ingest.json")
  log "${ingest_cmd[*]/$META_SECRET/<META_SECRET>}"
  "${ingest_cmd[@]}" || log "ingest run failed (see above); summary continues without it"
fi

# 4. Summary.
row() { # label, result json (LoadGen or pgbench-insert)
  jq -r --arg l "$1" '"| \($l) | \(.throughput | floor) | \(if .tool == "pgbench" then .failed else .requests - .ok end) | \(.latency.p50Ms) | \(.latency.p99Ms) | \(.latency.p999Ms) | \(.latency.maxMs) |"' "$2"
}
ratio() { jq -rn --slurpfile a "$1" --slurpfile b "$2" '($a[0].throughput / $b[0].throughput * 100 | round) as $p | "\($p)%"'; }
fsync=$(jq -r .fsync "$work/pg.json")
machine=$(cat <<MD
- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores visible (shared with other work)
- Load average (1/5/15 min) before the run: $load_before
- Memory: $(free -h | awk '/^Mem:/ {print $2}'), kernel $(uname -r)
- .NET SDK $(dotnet --version), PostgreSQL $(jq -r .server "$work/pg.json") (fsync=$fsync, synchronous_commit=$(jq -r .synchronousCommit "$work/pg.json"))
MD
)
table=$(cat <<MD
| target | req/s (tps) | failed / non-2xx | p50 ms | p99 ms | p99.9 ms | max ms |
|---|---|---|---|---|---|---|
$(row "bare Kestrel (HTTP only)" "$work/bare.json")
$(row "pgbench INSERT ($(jq -r 'if .withJob then "delivery + job" else "1 row" end' "$work/pg.json"))" "$work/pg.json")
$([[ -f $work/ingest.json ]] && row "ingest (verify + durable commit)" "$work/ingest.json")
MD
)
ratios="ingest not run (set INGEST_URL and META_SECRET)"
[[ -f $work/ingest.json ]] && ratios="ingest/bare = $(ratio "$work/ingest.json" "$work/bare.json"), ingest/pgbench = $(ratio "$work/ingest.json" "$work/pg.json")"
commands=$(printf '%s\n' "CONCURRENCY=$concurrency DURATION_S=$duration WARMUP_S=$warmup${RATE:+ RATE=$RATE}${PGBENCH_WITH_JOB:+ PGBENCH_WITH_JOB=$PGBENCH_WITH_JOB} bench/ingest.sh" \
  "${bare_cmd[*]}" "PGHOST=$PGHOST PGPORT=${PGPORT:-5432} PGDATABASE=${PGDATABASE:-} ${pg_cmd[*]}")
[[ ${#ingest_cmd[@]} -gt 0 ]] && commands+=$'\n'"${ingest_cmd[*]/$META_SECRET/<META_SECRET>}"
section=$(cat <<MD
## ${SECTION_TITLE:-Ingest comparison} — $(date -u '+%Y-%m-%d %H:%M UTC')

Concurrency $concurrency, ${duration}s measured after ${warmup}s warm-up, $([[ -n ${RATE:-} ]] && echo "open loop at $RATE req/s" || echo "closed loop"); loopback; one machine.

$table

Ratios: $ratios (bare/pgbench = $(ratio "$work/bare.json" "$work/pg.json")).

$machine

\`\`\`
${commands//$work/<tmp>}
\`\`\`
MD
)
echo; echo "$section"
if [[ ${NO_APPEND:-0} != 1 ]]; then
  [[ -f docs/BENCHMARKS.md ]] || { mkdir -p docs; printf '# Benchmarks\n\nMeasured with `bench/` (see bench/README.md). Machines are shared and noisy: compare ratios within one run, not absolute numbers across runs.\n' > docs/BENCHMARKS.md; }
  printf '\n%s\n' "$section" >> docs/BENCHMARKS.md
  log "appended to docs/BENCHMARKS.md"
fi
