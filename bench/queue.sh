#!/usr/bin/env bash
# Queue benchmark of the real Wolverine PostgreSQL transport (bench/queue, QueueBench): a publisher host sends MESSAGES
# no-op messages to a PostgreSQL queue through the app's PostgresOutbox (PER_TX per transaction, PUBLISHERS concurrent;
# MODE=bus for plain IMessageBus.SendAsync) while a listener host handles them, for each parallel:batch configuration
# (the listener's MaximumParallelMessages : MaximumMessagesToReceive); then idle enqueue → handler latency, one message
# at a time. Prints a summary and appends a dated section to docs/BENCHMARKS.md. Wolverine's tables are only read
# through its public API (QueueBench); no SQL here touches them.
#
# Env: PGHOST (127.0.0.1) PGPORT (55432) PGUSER (postgres) [PGPASSWORD] — a server where we may create and drop our own
#      database; MESSAGES (20000) CONFIGS ("16:100,64:100", parallel:batch) PER_TX (100) PUBLISHERS (4)
#      RATE (0 = as fast as the publishers go; >0 = open loop at that many msg/s) MODE (outbox|bus) SAMPLES (200)
#      WARMUP (500) NO_APPEND=1 (print only).
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-postgres}
messages=${MESSAGES:-20000} configs=${CONFIGS:-16:100,64:100} per_tx=${PER_TX:-100} publishers=${PUBLISHERS:-4}
rate=${RATE:-0} mode=${MODE:-outbox} samples=${SAMPLES:-200} warmup=${WARMUP:-500}
psql=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)
db="queuebench_$$"
work=$(mktemp -d /tmp/aisales-queuebench.XXXXXX)
cleanup() {
  "$psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "== $*" >&2; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ ${NO_BUILD:-0} != 1 ]]; then
  log "building Release"
  dotnet build -c Release -v q -nologo bench/queue >/dev/null
fi
"$psql" -qX -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db"
cs="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$db${PGPASSWORD:+;Password=$PGPASSWORD}"

args=(--messages "$messages" --configs "$configs" --per-tx "$per_tx" --publishers "$publishers" --rate "$rate" --mode "$mode"
  --samples "$samples" --warmup "$warmup" --json "$work/queue.json")
shown_cmd="dotnet bench/queue/bin/Release/net10.0/QueueBench.dll --connection 'Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=<tmp db>' ${args[*]}"
log "$shown_cmd"
rc=0
dotnet bench/queue/bin/Release/net10.0/QueueBench.dll --connection "$cs" "${args[@]}" | tee "$work/queue.out" || rc=$?
[[ -s $work/queue.json ]] || { echo "QueueBench wrote no results (exit $rc)" >&2; exit 1; }

load_table=$(jq -r '.results[] | "| \(.parallel) | \(.batch) | \(.messages) | \(.publishedPerSec) | \(.handledPerSec) | \(.settledSeconds // "not settled") | \(.latency.p50Ms // "-") | \(.latency.p99Ms // "-") | \(.latency.maxMs // "-") | \(.duplicates) | \(.deadLetters)\(if .timedOut then " (timed out)" else "" end) |"' "$work/queue.json")
idle=$(jq -r 'if .idle and .idle.latency then .idle | "p50 \(.latency.p50Ms) ms, p90 \(.latency.p90Ms) ms, p99 \(.latency.p99Ms) ms, max \(.latency.maxMs) ms over \(.samples) messages (listener parallel=\(.parallel), batch=\(.batch))" else "not measured" end' "$work/queue.json")
pace=$([[ $rate == 0 ]] && echo "as fast as they go (latency includes the backlog)" || echo "open loop at $rate msg/s (a message's clock starts at its due time)")
section=$(cat <<MD
## Queue (Wolverine PostgreSQL transport, bench/queue.sh) — $(date -u '+%Y-%m-%d %H:%M UTC')

WolverineFx $(sed -n 's/.*Include="WolverineFx" Version="\([^"]*\)".*/\1/p' Directory.Packages.props) in one process: a publisher host sends $messages no-op messages to the PostgreSQL queue
"bench" ($mode: $per_tx per transaction, $publishers concurrent publishers, $pace) while a listener host
handles them (MaximumParallelMessages = parallel, MaximumMessagesToReceive = batch, polling 1 s, queue notifications on).
published/s = messages / time to the last flush; handled/s = messages / first publish → last handler; settled = queue,
inbox and outbox empty (Wolverine's API); latency = enqueue (message created, before its transaction) → handler start.

| parallel | batch | messages | published/s | handled/s | settled s | p50 ms | p99 ms | max ms | duplicates | dead letters |
|---|---|---|---|---|---|---|---|---|---|---|
$load_table

Idle enqueue → handler latency (one message per transaction through the outbox, 20 ms apart, first 10 discarded): $idle.

- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores visible (shared with other work)
- Load average (1/5/15 min) before the run: $load_before
- Memory: $(free -h | awk '/^Mem:/ {print $2}'), kernel $(uname -r)
- .NET SDK $(dotnet --version), PostgreSQL $("$psql" -qXAt -d postgres -c "SHOW server_version") at $PGHOST:$PGPORT (fsync=$("$psql" -qXAt -d postgres -c "SHOW fsync"), synchronous_commit=$("$psql" -qXAt -d postgres -c "SHOW synchronous_commit"))

\`\`\`
MESSAGES=$messages CONFIGS=$configs PER_TX=$per_tx PUBLISHERS=$publishers RATE=$rate MODE=$mode SAMPLES=$samples WARMUP=$warmup bench/queue.sh
$shown_cmd
\`\`\`
MD
)
echo; echo "${section//$work/<tmp>}"
if [[ ${NO_APPEND:-0} != 1 ]]; then
  printf '\n%s\n' "${section//$work/<tmp>}" >> docs/BENCHMARKS.md
  log "appended to docs/BENCHMARKS.md"
fi
exit "$rc"
