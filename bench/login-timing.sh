#!/usr/bin/env bash
# Does a login attempt's time tell whether the email exists? Starts the built AppHost (temp state, ports PORT_BASE+NN),
# copies the demo user into PAIRS accounts (same password hash, so each is tried once and no per-account throttle
# starts), then alternates, from one address: a wrong password for a known account / any password for an unknown
# email. Prints curl's time_total (ms) for each kind: min, median, max. Results go to docs/SECURITY.md by hand.
# Env: PAIRS (12; the per-address limit allows 30 login posts in 5 minutes) PORT_BASE (6600) CONFIG (Debug) NO_BUILD=1
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PAIRS=${PAIRS:-12} PORT_BASE=${PORT_BASE:-6600} CONFIG=${CONFIG:-Debug}
WORK=$(mktemp -d /tmp/aisales-login.XXXXXX); chmod 755 "$WORK"  # the private Postgres runs as another user
source "$ROOT/bench/lib/apphost.sh"
trap 'apphost_stop; rm -rf "$WORK"' EXIT
[[ ${NO_BUILD:-0} == 1 ]] || dotnet build -c "$CONFIG" AiSales.AppHost -v q -nologo >/dev/null
apphost_start
DASHBOARD="http://127.0.0.1:$((PORT_BASE + 90))"
DEMO_EMAIL=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['demo']['email'])" "$STATE/resources.json")

for i in $(seq 1 "$PAIRS"); do
  psql -qtAX -c "INSERT INTO users SELECT (jsonb_populate_record(NULL::users, to_jsonb(u) || jsonb_build_object(
      'id', gen_random_uuid(), 'email', 'known-$i@bench.test', 'normalized_email', 'KNOWN-$i@BENCH.TEST',
      'user_name', 'known-$i@bench.test', 'normalized_user_name', 'KNOWN-$i@BENCH.TEST'))).*
    FROM users u WHERE normalized_email = upper('$DEMO_EMAIL')" >/dev/null
done

# One login post with a fresh session (cookie jar + antiforgery token from the page); prints ms and the redirect.
attempt() {
  local jar="$WORK/jar" token
  rm -f "$jar"
  token=$(curl -s -c "$jar" "$DASHBOARD/account/login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -b "$jar" -w '%{time_total} %{redirect_url}\n' "$DASHBOARD/account/login" \
    --data-urlencode "email=$1" --data-urlencode "password=wrong-password-123" --data-urlencode "__RequestVerificationToken=$token"
}
# Warm-up (JIT, connection pools): one of each, not counted.
attempt "nobody-warm@bench.test" >/dev/null; attempt "$DEMO_EMAIL" >/dev/null
: >"$WORK/known"; : >"$WORK/unknown"
for i in $(seq 1 "$PAIRS"); do
  attempt "known-$i@bench.test" >>"$WORK/known"
  attempt "nobody-$i@bench.test" >>"$WORK/unknown"
done
python3 - "$WORK/known" "$WORK/unknown" <<'PY'
import sys, statistics, urllib.parse
print("| email | n | min ms | median ms | max ms | answer |\n|---|---|---|---|---|---|")
for label, path in (("known, wrong password", sys.argv[1]), ("unknown", sys.argv[2])):
    rows = [l.split(" ", 1) for l in open(path).read().splitlines()]
    ms = [float(t) * 1000 for t, _ in rows]
    answers = sorted({urllib.parse.urlsplit(a).path + "?" + urllib.parse.urlsplit(a).query.split("&")[0] for _, a in rows})
    print(f"| {label} | {len(ms)} | {min(ms):.1f} | {statistics.median(ms):.1f} | {max(ms):.1f} | {' '.join(answers)} |")
PY
