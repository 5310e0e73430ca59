#!/usr/bin/env bash
# Ingest A/B on a shared machine: two built trees (each with its own Release AppHost), run in turn ROUNDS times, so
# the machine's drift falls on both alike. Per run: the AppHost on a fresh temp state, closed-loop ingest (CONCURRENCY
# workers), then open-loop ingest at OPEN_RATE req/s, both with the Worker running and draining; req/s, latency and CPU
# per stored delivery (Webhooks, Postgres, Worker). Prints one table row per run; medians are for the reader.
#
#   bench/ingest-ab.sh /path/to/tree-A /path/to/tree-B     (build each first: dotnet build -c Release AiSales.AppHost)
# Env: ROUNDS (3) CONCURRENCY (32) OPEN_RATE (1000) DURATION_S (10) WARMUP_S (2) PORT_BASE (6600)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3} CONCURRENCY=${CONCURRENCY:-32} OPEN_RATE=${OPEN_RATE:-1000} DURATION_S=${DURATION_S:-10} WARMUP_S=${WARMUP_S:-2}
PORT_BASE=${PORT_BASE:-6600} CONFIG=Release
LOADGEN=(dotnet "$ROOT/bench/LoadGen/bin/Release/net10.0/LoadGen.dll")
[[ -f ${LOADGEN[1]} ]] || { echo "build bench/LoadGen first: dotnet build -c Release bench/LoadGen" >&2; exit 1; }
source "$ROOT/bench/lib/apphost.sh"

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {'d': d}))" "$@"; }

one_run() {  # $1 = tree
  local tree=$1
  WORK=$(mktemp -d /tmp/aisales-ab.XXXXXX); chmod 755 "$WORK"
  ROOT=$tree apphost_start
  local d0 h0 p0 w0 d1 h1 p1 w1
  read -r d0 h0 p0 w0 <<<"$(cpu_mark)"
  "${LOADGEN[@]}" --url "$WEBHOOKS_URL" --secret "$META_SECRET" --unique --mode ingest --concurrency "$CONCURRENCY" \
    --duration "${DURATION_S}s" --warmup "${WARMUP_S}s" --json "$WORK/closed.json" >/dev/null
  read -r d1 h1 p1 w1 <<<"$(cpu_mark)"
  "${LOADGEN[@]}" --url "$WEBHOOKS_URL" --secret "$META_SECRET" --unique --mode ingest --rate "$OPEN_RATE" --concurrency 256 \
    --duration "${DURATION_S}s" --warmup "${WARMUP_S}s" --json "$WORK/open.json" >/dev/null
  local cpu
  cpu=$(python3 -c "
n = max($d1 - $d0, 1); ms = 1000 / $(getconf CLK_TCK) / n
print(f'{($h1 - $h0) * ms:.2f} | {($p1 - $p0) * ms:.2f} | {($w1 - $w0) * ms:.2f}')")
  echo "| $(basename "$tree") | $(json "$WORK/closed.json" "d['throughput']") | $(json "$WORK/closed.json" "d['latency']['p99Ms']") | $cpu | $(json "$WORK/open.json" "d['throughput']") | $(json "$WORK/open.json" "d['latency']['p50Ms']") | $(json "$WORK/open.json" "d['latency']['p99Ms']") | $(cut -d' ' -f1 /proc/loadavg) |"
  ROOT=$tree apphost_stop
  rm -rf "$WORK"
}
trap 'apphost_stop 2>/dev/null || true' EXIT

echo "| tree | closed req/s | closed p99 ms | CPU/delivery Webhooks ms | Postgres ms | Worker ms | open req/s (target $OPEN_RATE) | open p50 ms | open p99 ms | load avg after |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for _ in $(seq 1 "$ROUNDS"); do
  for tree in "$@"; do one_run "$tree"; done
done
