#!/usr/bin/env bash
# Fault campaign (not run by CI). Starts the AppHost (temp state, ports PORT_BASE+NN) with Meta's Graph pointed at
# bench/FakeGraph, seeds MERCHANTS merchants each with instagram/messenger/whatsapp accounts (provider meta, token
# encrypted with the installation's key), then sends COUNT signed webhooks (every fixture kind, unique event ids and
# customers, every 10th an exact re-send of an already-accepted delivery) with LoadGen --retry (Meta-like redelivery
# on 5xx/connection errors) while:
#   - the Webhooks and Worker processes are SIGKILLed every KILL_EVERY_S seconds (the AppHost restarts them),
#   - Postgres is stopped once (SIGINT, fast shutdown) and Redis once (SHUTDOWN) — the AppHost restarts both.
# Most of the processing and every reply happen after the last request, and they must survive kills too: after the load
# the Worker is SIGKILLed every DRAIN_KILL_EVERY_S seconds until the backlog is worked off (0: no kills after the load).
# That period is longer than during the load: a Worker killed every 10 s never works (its start plus the release of the
# dead node's messages take ~8 s, docs/RELIABILITY.md). Then it waits (bounded) for the app to settle — read from OUR
# product tables only (bench/lib/backlog.sh): no delivery left 'received', no send or outbound message outstanding, no
# reply debounce running, and nothing changing for SETTLE_STABLE_S — and checks, in SQL on the product tables and against the fake's record:
#   1. every delivery answered 200 is stored (rows per signature >= 200s for that signature) and processed,
#   2. nothing is stuck: no delivery left 'received', no outbound send or message unsettled,
#   3. failures: deliveries 'failed' and outbound messages failed, with their recorded reason; the operator API's dead
#      letters (Wolverine's, listed by type and exception, explained in docs/RELIABILITY.md) and queue counts, reported
#      as the API gives them (it is being reworked: unknown or missing fields are tolerated, never a failed run),
#   4. no idempotency key reached the fake Graph twice; replies per conversation.
# Wolverine's own tables (schema "wolverine") are never queried: a Wolverine upgrade cannot break these checks silently.
# Env: COUNT (100000) MERCHANTS (200) CONCURRENCY (32) KILL_EVERY_S (10) PG_AT_S (25) REDIS_AT_S (55)
#      DRAIN_KILL_EVERY_S (30) DRAIN_TIMEOUT_S (600) SETTLE_STABLE_S (30) PORT_BASE (6300) CONFIG (Release) NO_BUILD=1 OUT (report file, default <work>/chaos.md)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
COUNT=${COUNT:-100000} MERCHANTS=${MERCHANTS:-200} CONCURRENCY=${CONCURRENCY:-32} KILL_EVERY_S=${KILL_EVERY_S:-10}
PG_AT_S=${PG_AT_S:-25} REDIS_AT_S=${REDIS_AT_S:-55} DRAIN_TIMEOUT_S=${DRAIN_TIMEOUT_S:-600}
PORT_BASE=${PORT_BASE:-6300} CONFIG=${CONFIG:-Release} DRAIN_KILL_EVERY_S=${DRAIN_KILL_EVERY_S:-30}
ACCOUNT_BASE=17841488000000000
WORK=${WORK:-$(mktemp -d /tmp/aisales-chaos.XXXXXX)}; chmod 755 "$WORK"  # the private Postgres runs as another user
OUT=${OUT:-$WORK/chaos.md}
source "$ROOT/bench/lib/apphost.sh"
source "$ROOT/bench/lib/backlog.sh"
log() { echo "[chaos $(date -u +%H:%M:%S)] $*"; }

GRAPH_PID= CHAOS_PID= LG_PID=
cleanup() {
  for p in $LG_PID $CHAOS_PID; do kill "$p" 2>/dev/null || true; done
  apphost_stop
  [[ -n $GRAPH_PID ]] && kill "$GRAPH_PID" 2>/dev/null || true
  log "work dir kept: $WORK (delete when done)"
}
trap cleanup EXIT

if [[ ${NO_BUILD:-0} != 1 ]]; then
  dotnet build -c "$CONFIG" AiSales.AppHost -v q -nologo >/dev/null
  for p in LoadGen FakeGraph; do dotnet build -c Release "bench/$p" -v q -nologo >/dev/null; done
fi

GRAPH_URL="http://127.0.0.1:$((PORT_BASE + 60))"
dotnet bench/FakeGraph/bin/Release/net10.0/FakeGraph.dll --urls "$GRAPH_URL" --record "$WORK/graph.tsv" >"$WORK/fakegraph.out" 2>&1 &
GRAPH_PID=$!
export Meta__GraphApiBaseUrl="$GRAPH_URL" Meta__InstagramGraphApiBaseUrl="$GRAPH_URL"

log "starting AppHost"
apphost_start
log "healthy after ${APPHOST_COLD_S}s; webhooks $WEBHOOKS_URL, postgres $PGHOST:$PGPORT, fake Graph $GRAPH_URL"

log "seeding $MERCHANTS merchants x 3 meta channel accounts"
python3 - "$STATE/secrets.json" "$MERCHANTS" "$ACCOUNT_BASE" "$WORK/tokens.txt" >"$WORK/seed.sql" <<'PY'
import json, sys, os, hashlib, base64
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
secrets = json.load(open(sys.argv[1])); n = int(sys.argv[2]); base = int(sys.argv[3])
key = base64.b64decode(secrets["encryptionKey"]); kid = hashlib.sha256(key).digest()[0]
def protect(token):  # TokenProtector layout: [1][key id][nonce 12][tag 16][ciphertext], header as associated data
    header = bytes([1, kid]); nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, token.encode(), header)
    return header + nonce + sealed[-16:] + sealed[:-16]
tokens = open(sys.argv[4], "w")
print("BEGIN;")
print(f"INSERT INTO merchants (name, slug, ai_settings) SELECT 'Chaos shop ' || g, 'chaos-shop-' || g, '{{\"debounce_seconds\": 1}}'::jsonb FROM generate_series(0, {n - 1}) g;")
for i in range(n):
    for platform in ("instagram", "messenger", "whatsapp"):
        token = "EAAGchaos" + os.urandom(12).hex(); tokens.write(token + "\n")
        print(f"INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, access_token_encrypted) "
              f"SELECT id, '{platform}', 'meta', '{base + i}', '\\x{protect(token).hex()}'::bytea FROM merchants WHERE slug = 'chaos-shop-{i}';")
print("COMMIT;")
PY
psql -qX -v ON_ERROR_STOP=1 -f "$WORK/seed.sql"

# The faults, on a clock, in the background. PIDs are re-read each time: every restart gets a new one.
chaos_loop() {
  local t0=$SECONDS pg_done=0 redis_done=0 next_kill=$KILL_EVERY_S pid services every
  while true; do
    sleep 1
    local t=$((SECONDS - t0))
    apphost_read 2>/dev/null || continue
    # During the load both services every KILL_EVERY_S; after it ($WORK/load.done) the Worker every DRAIN_KILL_EVERY_S.
    if [[ -f $WORK/load.done ]]; then services=worker every=$DRAIN_KILL_EVERY_S; else services="webhooks worker" every=$KILL_EVERY_S; fi
    (( every > 0 && next_kill - t > every )) && next_kill=$((t + every))
    if (( every > 0 && t >= next_kill )); then
      next_kill=$((next_kill + every))
      for svc in $services; do
        for pid in $(service_pids "$svc"); do
          kill -KILL "$pid" 2>/dev/null && echo "$(date -u +%T) t=${t}s SIGKILL $svc pid $pid"
        done
      done
    fi
    if (( !pg_done && t >= PG_AT_S )) && [[ -n $PID_postgres ]]; then
      kill -INT "$PID_postgres" && echo "$(date -u +%T) t=${t}s postgres fast shutdown (pid $PID_postgres); AppHost restarts it"; pg_done=1
    fi
    if (( !redis_done && t >= REDIS_AT_S )) && [[ -n $PID_redis ]]; then
      redis-cli -h 127.0.0.1 -p "$((PORT_BASE + 79))" --no-auth-warning -a "${REDIS_CS##*password=}" SHUTDOWN >/dev/null 2>&1 || kill -TERM "$PID_redis"
      echo "$(date -u +%T) t=${t}s redis SHUTDOWN (pid $PID_redis); AppHost restarts it"; redis_done=1
    fi
  done
}
chaos_loop >"$WORK/faults.log" 2>&1 &
CHAOS_PID=$!

log "sending $COUNT webhooks (closed loop, $CONCURRENCY workers, --retry, every 10th an exact re-send)"
LG_CMD=(dotnet bench/LoadGen/bin/Release/net10.0/LoadGen.dll --url "$WEBHOOKS_URL" --secret '<metaAppSecret>' --unique --unique-senders --now
  --accounts "$MERCHANTS" --account-base "$ACCOUNT_BASE" --retry --retry-for 300s --duplicate-every 10
  --concurrency "$CONCURRENCY" --requests "$COUNT" --duration 360m --mode chaos --delivered '<work>/delivered.tsv')
T_LOAD0=$SECONDS
run_cmd=("${LG_CMD[@]/<metaAppSecret>/$META_SECRET}")
run_cmd=("${run_cmd[@]/<work>/$WORK}")
"${run_cmd[@]}" >"$WORK/loadgen.out" 2>&1 &
LG_PID=$!
wait $LG_PID || true
LG_PID=
LOAD_S=$((SECONDS - T_LOAD0))
KILLS_IN_LOAD=$(grep -c SIGKILL "$WORK/faults.log" || true)
tail -12 "$WORK/loadgen.out"
[[ -f $WORK/delivered.tsv ]] || { log "LoadGen failed (see $WORK/loadgen.out)"; exit 1; }
log "load done in ${LOAD_S}s; faults: $KILLS_IN_LOAD SIGKILLs, $(grep -c 'postgres fast' "$WORK/faults.log") postgres, $(grep -c 'redis SHUTDOWN' "$WORK/faults.log") redis"
touch "$WORK/load.done"
if (( DRAIN_KILL_EVERY_S > 0 )); then
  log "the Worker is killed every ${DRAIN_KILL_EVERY_S}s until the backlog is worked off (up to ${DRAIN_TIMEOUT_S}s)"
  while (( SECONDS - T_LOAD0 - LOAD_S < DRAIN_TIMEOUT_S )); do
    apphost_read 2>/dev/null || true
    [[ $(product_backlog 2>/dev/null || echo "?") == 0 ]] && break
    sleep 5
  done
fi
kill "$CHAOS_PID" 2>/dev/null || true; wait "$CHAOS_PID" 2>/dev/null || true; CHAOS_PID=
FAULTS_S=$((SECONDS - T_LOAD0))
KILLS=$(grep -c SIGKILL "$WORK/faults.log" || true)
log "faults stopped after ${FAULTS_S}s: $KILLS SIGKILLs ($((KILLS - KILLS_IN_LOAD)) after the load)"

log "waiting for everything to settle (up to ${DRAIN_TIMEOUT_S}s; product tables idle and unchanged for ${SETTLE_STABLE_S:-30}s)"
if product_wait_settled "$DRAIN_TIMEOUT_S" "${SETTLE_STABLE_S:-30}" 5 apphost_read; then SETTLED="settled"; else SETTLED="NOT settled"; fi
apphost_read 2>/dev/null || true
DRAIN_S=$((SECONDS - T_LOAD0 - LOAD_S))
BACKLOG=$(product_backlog_detail 2>/dev/null || echo "unreadable")
log "$SETTLED after ${DRAIN_S}s: $BACKLOG"

# The checks.
python3 - "$WORK/delivered.tsv" >"$WORK/delivered.csv" <<'PY'
import sys, collections
c = collections.Counter(); kinds = collections.Counter()
for line in open(sys.argv[1]):
    path, sig, kind = line.rstrip("\n").split("\t"); c[sig] += 1; kinds[kind] += 1
for sig, n in c.items(): print(f"{sig},{n}")
print(f"# {sum(c.values())} answers 200 ({kinds['original']} original, {kinds['duplicate']} duplicate), {len(c)} distinct bodies", file=sys.stderr)
PY
ACCEPTED=$(python3 -c "import sys; print(sum(1 for _ in open('$WORK/delivered.tsv')))")
DUPS=$(grep -c $'\tduplicate$' "$WORK/delivered.tsv" || true)
CHECKS=$(psql -qX -v ON_ERROR_STOP=1 -P pager=off <<SQL
CREATE TEMP TABLE answered (signature text PRIMARY KEY, answers int NOT NULL);
\copy answered FROM '$WORK/delivered.csv' WITH (FORMAT csv)
\echo '-- 1. deliveries answered 200 but not stored (rows for that signature fewer than its 200 answers):'
CREATE TEMP TABLE stored AS SELECT headers->>'X-Hub-Signature-256' AS signature, count(*) AS n FROM webhook_deliveries GROUP BY 1;
CREATE INDEX ON stored (signature);
SELECT count(*) AS missing FROM answered a LEFT JOIN stored s USING (signature) WHERE coalesce(s.n, 0) < a.answers;
\echo '-- stored deliveries by status (received = not yet processed):'
SELECT status, count(*) FROM webhook_deliveries GROUP BY status ORDER BY status;
\echo '-- stored deliveries no 200 was recorded for (stored, answer lost to a kill; Meta would redeliver, dedupe absorbs it):'
SELECT coalesce(sum(s.n), 0) AS stored_without_recorded_200 FROM stored s LEFT JOIN answered a USING (signature) WHERE a.signature IS NULL;
\echo '-- 2. stuck: outbound sends by state (pending/sending = not final), outbound messages not settled:'
SELECT state, count(*) FROM outbound_sends GROUP BY state ORDER BY state;
SELECT status, count(*) AS outbound_unsettled FROM messages WHERE direction = 'outbound' AND status IN ('pending', 'queued', 'sending') GROUP BY 1 ORDER BY 1;
\echo '-- 3. failures recorded in our tables (Wolverine dead letters: see the operator API line below):'
SELECT left(coalesce(error, ''), 160) AS delivery_error, count(*) AS failed_deliveries FROM webhook_deliveries WHERE status = 'failed' GROUP BY 1 ORDER BY 2 DESC LIMIT 10;
SELECT left(coalesce(status_detail, ''), 120) AS detail, error_code, count(*) AS failed_outbound FROM messages WHERE direction = 'outbound' AND status = 'failed' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 10;
\echo '-- inbound customer messages, conversations, replies:'
SELECT (SELECT count(*) FROM messages WHERE direction = 'inbound') AS inbound_messages,
       (SELECT count(*) FROM conversations) AS conversations,
       (SELECT count(*) FROM messages WHERE direction = 'outbound') AS outbound_messages,
       (SELECT count(*) FROM outbound_sends WHERE state = 'sent') AS sends_sent,
       (SELECT count(DISTINCT idempotency_key) FROM outbound_sends) AS distinct_keys,
       (SELECT count(*) FROM unroutable_events) AS unroutable_events,
       (SELECT count(*) FROM processed_events) AS processed_events;
\echo '-- conversations with a customer message but no reply sent, by the kinds of customer messages in them:'
SELECT kinds, count(*) AS unanswered FROM (
  SELECT c.id, string_agg(DISTINCT m.kind, ',' ORDER BY m.kind) AS kinds FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.direction = 'inbound'
  WHERE NOT EXISTS (SELECT 1 FROM messages o JOIN outbound_sends s ON s.message_id = o.id WHERE o.conversation_id = c.id AND s.state = 'sent')
  GROUP BY c.id) u GROUP BY kinds ORDER BY 2 DESC LIMIT 15;
\echo '-- outbound messages by status and detail (why a reply was not sent):'
SELECT status, left(coalesce(status_detail, ''), 80) AS detail, count(*) FROM messages WHERE direction = 'outbound' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 10;
\echo '-- conversations replied more than once (one reply per burst expected):'
SELECT count(*) AS conversations_with_2plus_sent FROM (SELECT o.conversation_id FROM messages o JOIN outbound_sends s ON s.message_id = o.id WHERE s.state = 'sent' GROUP BY 1 HAVING count(*) > 1) t;
\echo '-- of those, replies answering the same burst (two sent AI replies with no customer message stored between them):'
WITH r AS (
  SELECT o.conversation_id, o.created_at, lag(o.created_at) OVER (PARTITION BY o.conversation_id ORDER BY o.created_at) AS prev
  FROM messages o JOIN outbound_sends s ON s.message_id = o.id WHERE s.state = 'sent' AND o.author = 'ai')
SELECT count(*) AS same_burst_double_replies FROM r
WHERE r.prev IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM messages c WHERE c.conversation_id = r.conversation_id AND c.author = 'customer'
    AND c.created_at > r.prev AND c.created_at < r.created_at);
SQL
)
echo "$CHECKS"
QUEUE_REPORT=$(ops_queue_report)
echo "$QUEUE_REPORT"
GRAPH_STATS=$(curl -fsS "$GRAPH_URL/stats" || echo '{}')
GRAPH_DUP_KEYS=$( { [[ -f $WORK/graph.tsv ]] && cut -f3 "$WORK/graph.tsv" | grep -v '^$' | sort | uniq -d | wc -l; } || echo 0)
echo "fake Graph: $GRAPH_STATS; idempotency keys called more than once (from the record file): $GRAPH_DUP_KEYS"

apphost_stop
SCAN=$(CHANNEL_TOKENS_FILE="$WORK/tokens.txt" bench/scan-secrets.sh "$STATE" "$WORK" 2>&1 | tail -3 || true)
echo "$SCAN"

cat >"$OUT" <<EOF
### Fault campaign run — $(date -u '+%Y-%m-%d %H:%M UTC')

$COUNT webhooks requested, $ACCEPTED answered 200 ($DUPS of them exact re-sends), $MERCHANTS merchants x 3 meta accounts,
$CONCURRENCY workers, load ${LOAD_S}s, settle ${DRAIN_S}s ($SETTLED: $BACKLOG). Faults for ${FAULTS_S}s: $KILLS SIGKILLs,
$KILLS_IN_LOAD of webhooks/worker during the load (every ${KILL_EVERY_S}s), $((KILLS - KILLS_IN_LOAD)) of the Worker after it (every ${DRAIN_KILL_EVERY_S}s until the
backlog was worked off); postgres fast shutdown at ${PG_AT_S}s, redis SHUTDOWN at ${REDIS_AT_S}s (AppHost restarted each).

LoadGen:
\`\`\`
$(tail -14 "$WORK/loadgen.out")
\`\`\`
Checks:
\`\`\`
$CHECKS
\`\`\`
Operator API (reporting only): $QUEUE_REPORT
Fake Graph: $GRAPH_STATS; keys called more than once: $GRAPH_DUP_KEYS.
Secrets scan: $SCAN

Faults log (first and last lines):
\`\`\`
$(head -5 "$WORK/faults.log"; echo ...; tail -5 "$WORK/faults.log")
\`\`\`
\`\`\`
COUNT=$COUNT MERCHANTS=$MERCHANTS CONCURRENCY=$CONCURRENCY KILL_EVERY_S=$KILL_EVERY_S DRAIN_KILL_EVERY_S=$DRAIN_KILL_EVERY_S PG_AT_S=$PG_AT_S REDIS_AT_S=$REDIS_AT_S SETTLE_STABLE_S=${SETTLE_STABLE_S:-30} PORT_BASE=$PORT_BASE bench/chaos.sh
${LG_CMD[*]}
\`\`\`
$(machine_details)
EOF
log "report: $OUT"
