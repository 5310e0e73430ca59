# Shared by bench/run.sh and bench/reply-cost.sh: seed the sandbox merchants a reply load is spread over, and measure
# webhook → reply from the database afterwards. Source it; psql must already reach the app's database (apphost_start
# exports PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE).

# seed_reply_merchants NAME SLUG_PREFIX COUNT DEBOUNCE_S ACCOUNT_BASE
# COUNT merchants '<NAME> <i>' with slug '<SLUG_PREFIX><i>' (i from 0, debounce_seconds DEBOUNCE_S, offline responder), each
# with a sandbox Instagram account whose external id is ACCOUNT_BASE + i: what LoadGen --accounts COUNT
# --account-base ACCOUNT_BASE sends to. Idempotent (ON CONFLICT DO NOTHING).
seed_reply_merchants() {
  local name=$1 slug=$2 count=$3 debounce=$4 base=$5
  psql -qX -v ON_ERROR_STOP=1 <<SQL
INSERT INTO merchants (name, slug, ai_settings)
SELECT '$name ' || g, '$slug' || g, jsonb_build_object('debounce_seconds', $debounce)
FROM generate_series(0, $count - 1) g ON CONFLICT (slug) DO NOTHING;
INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
SELECT m.id, 'instagram', 'sandbox', ($base + substr(m.slug, $((${#slug} + 1)))::bigint)::text, m.name
FROM merchants m WHERE m.slug LIKE '$slug%' ON CONFLICT (platform, external_id) DO NOTHING;
SQL
}

# The customer messages received at or after $1 with when their delivery was processed, their conversation's first
# reply queued (the outbound message's created_at) and sent (CTE "s"). Equality joins only, so Postgres can hash them:
# the bench sends Instagram DMs, whose processed_events key is '<account>:msg:<mid>'. Run after ANALYZE (the bench
# does), or a run with autovacuum off plans these joins blind.
reply_latency_rows() {
  cat <<SQL
WITH m AS (
  SELECT w.received_at, w.processed_at, msg.conversation_id
  FROM webhook_deliveries w
  JOIN processed_events pe ON pe.delivery_id = w.id
  JOIN messages msg ON msg.direction = 'inbound' AND msg.external_id = regexp_replace(pe.event_key, '^[^:]*:msg:', '')
  WHERE w.received_at >= '$1'),
f AS (
  SELECT DISTINCT ON (o.conversation_id) o.conversation_id, o.created_at AS queued_at, os.sent_at
  FROM messages o JOIN outbound_sends os ON os.message_id = o.id
  WHERE o.direction = 'outbound' AND o.created_at >= '$1' AND os.state = 'sent'
  ORDER BY o.conversation_id, os.sent_at),
s AS (
  SELECT m.received_at, m.processed_at, f.queued_at, f.sent_at FROM m LEFT JOIN f USING (conversation_id))
SQL
}

# reply_latency T0
# One '|'-separated line for the customer messages whose delivery was received at or after T0 (a Postgres timestamp):
#   messages|replied|sent p50 ms|sent p99 ms|processed p50 ms|processed p99 ms|replies per second
# sent = delivery received (POST committed) → its conversation's first outbound send marked sent; processed = delivery
# received → processed (message stored, reply job scheduled); replies per second = replied / (last send − first POST).
# A figure with nothing to measure is empty (read it with IFS='|', so the columns stay in place). Analyzes the tables it
# reads first (after the load's CPU has been read): the joins need fresh statistics, whatever autovacuum did.
reply_latency() {
  psql -qtAX -F '|' <<SQL
ANALYZE webhook_deliveries, processed_events, messages, outbound_sends;
$(reply_latency_rows "$1")
SELECT count(*), count(sent_at),
  round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - received_at)) * 1000)::numeric, 1),
  round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - received_at)) * 1000)::numeric, 1),
  round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)) * 1000)::numeric, 1),
  round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)) * 1000)::numeric, 1),
  round((count(sent_at) / nullif(extract(epoch FROM max(sent_at) - min(received_at)), 0))::numeric, 1)
FROM s
SQL
}

# reply_latency_windows T0 SECONDS
# The same latency per window of SECONDS by arrival (received_at): where a run's tail comes from (a pause, a burst).
reply_latency_windows() {
  psql -qtAX -F ' | ' <<SQL
$(reply_latency_rows "$1")
SELECT to_char(date_bin('$2 seconds', received_at, '$1'), 'HH24:MI:SS'), count(*),
  round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - received_at)) * 1000)::numeric, 1),
  round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - received_at)) * 1000)::numeric, 1),
  round((max(extract(epoch FROM sent_at - received_at)) * 1000)::numeric, 1)
FROM s GROUP BY 1 ORDER BY 1
SQL
}

# reply_latency_stages T0
# Where the time goes, by stage: delivery received → processed (ingest job's wait + the inbound statements), processed →
# reply queued (the reply job's wait + load + drafting + commit; the outbound message's created_at, its transaction's
# start), queued → sent (the send's claim, the channel call, the ledger update). Medians over all messages, then the
# means over the slowest 1 % by total: which stage a tail comes from.
reply_latency_stages() {
  psql -qtAX -F ' | ' <<SQL
$(reply_latency_rows "$1"),
d AS (
  SELECT extract(epoch FROM processed_at - received_at) * 1000 AS ingest,
    extract(epoch FROM queued_at - processed_at) * 1000 AS reply,
    extract(epoch FROM sent_at - queued_at) * 1000 AS send,
    extract(epoch FROM sent_at - received_at) * 1000 AS total
  FROM s WHERE sent_at IS NOT NULL),
t AS (SELECT * FROM d WHERE total >= (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY total) FROM d))
SELECT 'p50 of each stage', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ingest)::numeric, 1),
  round(percentile_cont(0.5) WITHIN GROUP (ORDER BY reply)::numeric, 1), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY send)::numeric, 1) FROM d
UNION ALL
SELECT 'slowest 1 % (' || count(*) || '), mean', round(avg(ingest)::numeric, 1), round(avg(reply)::numeric, 1), round(avg(send)::numeric, 1) FROM t
SQL
}
