#!/usr/bin/env bash
# Queue benchmark for the Wolverine shim: (1) QueueBench drains N no-op jobs with several worker/batch
# settings and measures idle enqueue-to-start latency; (2) pgbench runs the shim's batch-fetch statement
# alone on a pre-filled jobs table (the database's ceiling for that query). Prints a summary and appends a
# dated section to docs/BENCHMARKS.md.
#
# Env: PGHOST (127.0.0.1) PGPORT (55432) PGUSER (postgres) [PGPASSWORD] — a server where we may create and
#      drop our own database; JOBS (20000) CONFIGS ("4:20,8:50,16:100", workers:batch) SAMPLES (200)
#      PGBENCH_CLIENTS (2) PGBENCH_S (10) PREFILL (300000) NO_APPEND=1 (print only).
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-postgres}
jobs=${JOBS:-20000} configs=${CONFIGS:-4:20,8:50,16:100} samples=${SAMPLES:-200}
clients=${PGBENCH_CLIENTS:-2} seconds=${PGBENCH_S:-10} prefill=${PREFILL:-300000}
psql=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)
pgbench=$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)
db="queuebench_$$"
work=$(mktemp -d /tmp/aisales-queuebench.XXXXXX)
cleanup() {
  "$psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "== $*" >&2; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "building Release"
dotnet build -c Release -v q -nologo bench/queue >/dev/null
bench=(dotnet bench/queue/bin/Release/net10.0/QueueBench.dll)
"$psql" -qX -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db"
cs="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$db${PGPASSWORD:+;Password=$PGPASSWORD}"

# 1. Drain + latency through the shim.
bench_cmd=("${bench[@]}" --connection "Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$db" --jobs "$jobs" --configs "$configs" --samples "$samples" --json "$work/queue.json")
log "${bench_cmd[*]}"
"${bench_cmd[@]:0:2}" --connection "$cs" "${bench_cmd[@]:4}" | tee "$work/queue.out"

# 2. pgbench: the same fetch statement on a pre-filled table (QueueBench left the schema, emptied).
"${bench[@]}" --print-fetch-sql > "$work/fetch.sql"
pg_rows=()
for batch in 20 100; do
  "$psql" -qX -d "$db" -v ON_ERROR_STOP=1 <<SQL
TRUNCATE queue.jobs;
INSERT INTO queue.jobs (id, message_type, body)
  SELECT gen_random_uuid(), 'AiSales.Bench.Queue.NoOp', jsonb_build_object('number', g) FROM generate_series(1, $prefill) g;
VACUUM ANALYZE queue.jobs;
SQL
  pg_cmd=("$pgbench" -n -M prepared -f "$work/fetch.sql" -D "batch=$batch" -c "$clients" -j "$clients" -T "$seconds" "$db")
  log "${pg_cmd[*]}"
  "${pg_cmd[@]}" > "$work/pgbench.out" 2>&1 || { cat "$work/pgbench.out" >&2; exit 1; }
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$work/pgbench.out")
  lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$work/pgbench.out")
  leased=$("$psql" -qXAt -d "$db" -c "SELECT count(*) FROM queue.jobs WHERE status = 'running'")
  echo "pgbench fetch batch=$batch clients=$clients: $tps fetches/s, mean $lat ms, $leased rows leased = $((leased / seconds)) rows/s"
  pg_rows+=("| $batch | $clients | $(printf '%.0f' "$tps") | $lat | $((leased / seconds)) |")
  pg_cmds+=("${pg_cmd[*]}")
done

# 3. Summary.
drain_table=$(jq -r '.results[] | select(.workers) | "| \(.workers) | \(.batch) | \(.jobs) | \(.enqueuePerSec) | \(.handledPerSec) | \(.drainedPerSec) | \(.drainSeconds) |"' "$work/queue.json")
latency=$(jq -r '.results[] | select(.latency) | .latency | "p50 \(.p50Ms) ms, p90 \(.p90Ms) ms, p99 \(.p99Ms) ms, max \(.maxMs) ms over \(.samples) messages"' "$work/queue.json")
section=$(cat <<MD
## Queue (Wolverine shim) — $(date -u '+%Y-%m-%d %H:%M UTC')

Drain: $jobs no-op jobs enqueued first (1,000 per transaction through \`IPostgresqlOutbox\`), then one node starts and
drains them; "handled" = last handler ran, "drained" = last row deleted (completions are batched).

| workers | batch | jobs | enqueue/s | handled/s | drained/s | drain s |
|---|---|---|---|---|---|---|
$drain_table

Idle enqueue-to-handler-start latency (default tuning, one message at a time, 20 ms apart, first 10 discarded): $latency.

pgbench, the shim's batch-fetch statement alone (\`FOR UPDATE SKIP LOCKED\` lease of \`:batch\` rows) on $prefill pre-filled rows, ${seconds}s:

| batch | clients | fetches/s | mean ms | rows leased/s |
|---|---|---|---|---|
$(printf '%s\n' "${pg_rows[@]}")

- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores visible (shared with other work)
- Load average (1/5/15 min) before the run: $load_before
- Memory: $(free -h | awk '/^Mem:/ {print $2}'), kernel $(uname -r)
- .NET SDK $(dotnet --version), PostgreSQL $("$psql" -qXAt -d postgres -c "SHOW server_version") at $PGHOST:$PGPORT (fsync=$("$psql" -qXAt -d postgres -c "SHOW fsync"), synchronous_commit=$("$psql" -qXAt -d postgres -c "SHOW synchronous_commit"))

\`\`\`
JOBS=$jobs CONFIGS=$configs SAMPLES=$samples PGBENCH_CLIENTS=$clients PGBENCH_S=$seconds PREFILL=$prefill bench/queue.sh
${bench_cmd[*]}
$(printf '%s\n' "${pg_cmds[@]}")
\`\`\`
MD
)
echo; echo "${section//$work/<tmp>}"
if [[ ${NO_APPEND:-0} != 1 ]]; then
  printf '\n%s\n' "${section//$work/<tmp>}" >> docs/BENCHMARKS.md
  log "appended to docs/BENCHMARKS.md"
fi
