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

# The customer messages received at or after $1 with when their delivery was processed and their reply sent (CTE "s").
reply_latency_rows() {
  cat <<SQL
WITH m AS (
  SELECT w.received_at, w.processed_at, msg.conversation_id
  FROM webhook_deliveries w
  JOIN processed_events pe ON pe.delivery_id = w.id
  JOIN messages msg ON msg.direction = 'inbound' AND pe.event_key LIKE '%' || msg.external_id
  WHERE w.received_at >= '$1'),
s AS (
  SELECT m.received_at, m.processed_at,
    (SELECT min(os.sent_at) FROM messages o JOIN outbound_sends os ON os.message_id = o.id
     WHERE o.conversation_id = m.conversation_id AND os.state = 'sent') AS sent_at
  FROM m)
SQL
}

# reply_latency T0
# One '|'-separated line for the customer messages whose delivery was received at or after T0 (a Postgres timestamp):
#   messages|replied|sent p50 ms|sent p99 ms|processed p50 ms|processed p99 ms|replies per second
# sent = delivery received (POST committed) → its conversation's first outbound send marked sent; processed = delivery
# received → processed (message stored, reply job scheduled); replies per second = replied / (last send − first POST).
# A figure with nothing to measure is empty (read it with IFS='|', so the columns stay in place).
reply_latency() {
  psql -qtAX -F '|' <<SQL
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
