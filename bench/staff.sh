#!/usr/bin/env bash
# The staff assistant end to end (issue #23): signed WhatsApp webhooks from the demo owner's linked number to the demo
# shop's sandbox WhatsApp number, one at a time (a person typing), through the built AppHost; per message, webhook POST
# → answer sent, timed here: from just before the POST until the answer's row is 'sent' (polled every 20 ms).
# Prints p50/p95/max and the answers' intents. Then the understanding scores (bench/StaffCommands) of the three sets.
# [COUNT=120 PORT_BASE=6700 CONFIG=Debug] bench/staff.sh   (build first: dotnet build AiSales.AppHost)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/staff-bench.XXXX)
PORT_BASE=${PORT_BASE:-6700}
CONFIG=${CONFIG:-Debug}
COUNT=${COUNT:-120}
source "$ROOT/bench/lib/apphost.sh"
trap apphost_stop EXIT
apphost_start
echo "AppHost healthy in ${APPHOST_COLD_S}s; $COUNT staff messages to ${WEBHOOKS_URL}"

MESSAGES=("طلبات اليوم" "شكد بعنا اليوم؟" "سعر الهودي" "منو يحتاج رد" "كم طلب لبغداد هالشهر" "مخزون BSF-014" "how many orders today" "help")
sent_count() { psql -tAc "SELECT count(*) FROM staff_messages WHERE direction = 'outbound' AND status IN ('sent','failed')"; }
for i in $(seq 1 "$COUNT"); do
  text=${MESSAGES[$(( (i - 1) % ${#MESSAGES[@]} ))]}
  before=$(sent_count)
  t0=$(date +%s%N)
  body=$(printf '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"9647700000000","phone_number_id":"100000000000001"},"contacts":[{"profile":{"name":"Owner"},"wa_id":"9647700000001"}],"messages":[{"from":"9647700000001","id":"wamid.bench%s.%s","timestamp":"%s","type":"text","text":{"body":"%s"}}]}}]}]}' "$$" "$i" "$(date +%s)" "$text")
  sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$META_SECRET" | cut -d' ' -f2)
  curl -sf -o /dev/null -X POST "$WEBHOOKS_URL/webhooks/whatsapp" -H 'Content-Type: application/json' -H "X-Hub-Signature-256: sha256=$sig" -d "$body"
  for _ in $(seq 1 300); do [[ $(sent_count) -gt $before ]] && break; sleep 0.02; done
  echo $(( ($(date +%s%N) - t0) / 1000000 )) >>"$WORK/ms"
done
sort -n "$WORK/ms" | awk '{a[NR]=$1} END {printf "answered %d; webhook POST → answer sent: p50 %d ms, p95 %d ms, max %d ms (includes up to 20 ms of polling and a psql start per poll)\n", NR, a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)], a[NR]}'

psql -tA <<'SQL'
SELECT format('  %s: %s', intent, count(*)) FROM staff_messages WHERE direction = 'inbound' GROUP BY intent ORDER BY intent;
SQL
apphost_stop
trap - EXIT
for f in staff-messages staff-messages-heldout staff-messages-fresh staff-messages-fourth; do
  echo "== $f =="; dotnet run -c Release --project "$ROOT/bench/StaffCommands" -- "$ROOT/bench/StaffCommands/$f.tsv" | grep -E '\*\*all|^  '
done
