#!/usr/bin/env bash
# The database ceiling for the ingest benchmark: how many single-row durable INSERTs of a webhook-sized
# row (≈1.5 KB raw body as bytea + a small jsonb of headers) Postgres commits per second at a given
# client count. The ingest endpoint cannot beat this, so ingest/pgbench says how much of it we keep.
#
# Usage: bench/pgbench-insert.sh [-c clients] [-T seconds] [--with-job] [--json out.json]
#   Connection from the usual libpq env: PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE.
#   --with-job adds a small job row in the same transaction, standing in for the envelope Wolverine's outbox stores with
#   the delivery (the real endpoint's envelope row is Wolverine's own, in schema "wolverine", and its move to the
#   "inbound" queue after the commit is not counted here; this script never touches Wolverine's tables).
# Creates a scratch schema, drops it on exit. Prints a table and one "RESULT key=value ..." line.
set -euo pipefail

clients=32 seconds=10 with_job=0 json=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -c) clients="$2"; shift 2 ;;
    -T) seconds="$2"; shift 2 ;;
    --with-job) with_job=1; shift ;;
    --json) json="$2"; shift 2 ;;
    *) echo "usage: $0 [-c clients] [-T seconds] [--with-job] [--json out.json]" >&2; exit 2 ;;
  esac
done

pgbench=$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)
psql=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)
schema="bench_scratch_$$"
work=$(mktemp -d)
cleanup() {
  "$psql" -qX -v ON_ERROR_STOP=0 -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Shaped like webhook_deliveries: identity key, platform, receipt time, signature, raw body, headers.
"$psql" -qX -v ON_ERROR_STOP=1 <<SQL
CREATE SCHEMA $schema;
CREATE TABLE $schema.webhook_deliveries (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform    text        NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  signature   text        NOT NULL,
  body        bytea       NOT NULL,
  headers     jsonb       NOT NULL
);
CREATE TABLE $schema.queue_jobs (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id bigint      NOT NULL,
  run_at      timestamptz NOT NULL DEFAULT now(),
  attempts    int         NOT NULL DEFAULT 0
);
SQL

# 96 md5 digests = 1536 random-ish bytes per row, different every time (no compression shortcuts).
insert="INSERT INTO $schema.webhook_deliveries (platform, signature, body, headers)
  SELECT 'instagram', 'sha256=' || encode(sha256(b), 'hex'), b,
         jsonb_build_object('content-type', 'application/json', 'user-agent', 'facebookexternalua', 'content-length', length(b))
  FROM (SELECT decode(string_agg(md5(random()::text), ''), 'hex') AS b FROM generate_series(1, 96)) AS r"
if [[ $with_job == 1 ]]; then
  printf 'BEGIN;\nWITH d AS (%s RETURNING id) INSERT INTO %s.queue_jobs (delivery_id) SELECT id FROM d;\nCOMMIT;\n' \
    "$(tr '\n' ' ' <<<"$insert")" "$schema" > "$work/insert.sql"
else
  printf '%s;\n' "$(tr '\n' ' ' <<<"$insert")" > "$work/insert.sql"
fi

threads=$(( clients < $(nproc) ? clients : $(nproc) ))
fsync=$("$psql" -qXAtc "SHOW fsync")
sync_commit=$("$psql" -qXAtc "SHOW synchronous_commit")
server=$("$psql" -qXAtc "SHOW server_version")
cd "$work"
"$pgbench" -n -M prepared -f insert.sql -c "$clients" -j "$threads" -T "$seconds" -l --log-prefix=tx > pgbench.out 2>&1 \
  || { cat pgbench.out >&2; exit 1; }

tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' pgbench.out)
avg=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' pgbench.out)
count=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' pgbench.out)
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' pgbench.out)
# Per-transaction log: field 3 is the latency in µs. Percentiles by rank, like LoadGen's.
read -r p50 p90 p99 p999 max < <(cat tx.* | awk '{print $3}' | sort -n | awk '
  { v[NR] = $1 } END {
    split("0.5 0.9 0.99 0.999", q, " ");
    for (i = 1; i <= 4; i++) { r = int(q[i] * NR); if (r < q[i] * NR) r++; if (r < 1) r = 1; printf "%.3f ", v[r] / 1000 }
    printf "%.3f\n", v[NR] / 1000 }')
rows=$("$psql" -qXAtc "SELECT count(*) FROM $schema.webhook_deliveries")

cat <<OUT
pgbench-insert: PostgreSQL $server at ${PGHOST:-local}:${PGPORT:-5432} (fsync=$fsync, synchronous_commit=$sync_commit)
  clients      $clients (threads $threads), ${seconds}s, $([[ $with_job == 1 ]] && echo "delivery + job row per transaction" || echo "one delivery row per transaction")
  transactions $count (failed ${failed:-0}), rows in table $rows
  throughput   $tps tps
  latency      p50 $p50 ms | p90 $p90 | p99 $p99 | p99.9 $p999 | max $max | mean $avg
RESULT tps=$tps p50_ms=$p50 p99_ms=$p99 p999_ms=$p999 max_ms=$max mean_ms=$avg clients=$clients fsync=$fsync
OUT

if [[ -n $json ]]; then
  cat > "$json" <<JSON
{"tool":"pgbench","server":"$server","fsync":"$fsync","synchronousCommit":"$sync_commit","clients":$clients,"seconds":$seconds,"withJob":$([[ $with_job == 1 ]] && echo true || echo false),"transactions":$count,"failed":${failed:-0},"throughput":$tps,"latency":{"p50Ms":$p50,"p90Ms":$p90,"p99Ms":$p99,"p999Ms":$p999,"maxMs":$max,"meanMs":$avg}}
JSON
fi
