# Shared by bench/run.sh and bench/chaos.sh: "is the app done?" from OUR product tables only, and the operator API's
# view of the queues for the report. Wolverine's tables (schema "wolverine") are Wolverine's private business: nothing
# here reads them, so a Wolverine upgrade cannot break these checks silently.
# Source it; needs psql's env (PGHOST... from apphost_read) and, for the ops_* functions, OPS_URL and OPS_KEY.

# Work the product tables show as still to do (one number; 0 = nothing visibly outstanding):
#   deliveries stored but not yet processed (status 'received': a ProcessWebhookDelivery waiting, running or retrying),
#   sends not final (outbound_sends pending/sending: a SendMessage or ReconcileSend to come),
#   outbound messages not settled (pending/queued/sending),
#   conversations whose reply debounce ran out less than REPLY_GRACE_S (5) seconds ago or has not yet (a GenerateReply
#   is due or being drafted).
# What it cannot see: a GenerateReply retry scheduled after a failure (the conversation has no row saying so). Pair it
# with product_fingerprint staying unchanged for a while (product_wait_settled), and report the ops API's counts.
product_backlog() {
  psql -qtAX -c "SELECT
      (SELECT count(*) FROM webhook_deliveries WHERE status = 'received')
    + (SELECT count(*) FROM outbound_sends WHERE state IN ('pending', 'sending'))
    + (SELECT count(*) FROM messages WHERE direction = 'outbound' AND status IN ('pending', 'queued', 'sending'))
    + (SELECT count(*) FROM conversations WHERE reply_due_at > now() - make_interval(secs => ${REPLY_GRACE_S:-5}))"
}

# The same, itemised, for logs and reports.
product_backlog_detail() {
  psql -qtAX -F ' ' -c "SELECT
      'deliveries_received=' || (SELECT count(*) FROM webhook_deliveries WHERE status = 'received'),
      'sends_open=' || (SELECT count(*) FROM outbound_sends WHERE state IN ('pending', 'sending')),
      'outbound_unsettled=' || (SELECT count(*) FROM messages WHERE direction = 'outbound' AND status IN ('pending', 'queued', 'sending')),
      'replies_due=' || (SELECT count(*) FROM conversations WHERE reply_due_at > now() - make_interval(secs => ${REPLY_GRACE_S:-5}))"
}

# Changes whenever the pipeline makes progress: deliveries by status, messages stored, sends by state, last message time.
product_fingerprint() {
  psql -qtAX -c "SELECT concat_ws(':',
      (SELECT count(*) FROM webhook_deliveries WHERE status <> 'received'),
      (SELECT count(*) FROM messages),
      (SELECT max(created_at) FROM messages),
      (SELECT string_agg(state || '=' || n, ',' ORDER BY state) FROM (SELECT state, count(*) AS n FROM outbound_sends GROUP BY state) s),
      (SELECT count(*) FROM messages WHERE direction = 'outbound' AND status = 'failed'))"
}

# product_wait_settled TIMEOUT_S STABLE_S [POLL_S] [HOOK]: waits until product_backlog is 0 and product_fingerprint has
# not changed for STABLE_S seconds (longer than the slowest handler and the early retries). HOOK (a command) runs before
# each poll, e.g. apphost_read after restarts. Sets SETTLED_S (seconds waited); returns 1 on timeout.
product_wait_settled() {
  local timeout_s=$1 stable_s=$2 poll_s=${3:-2} hook=${4:-} t0=$SECONDS since=-1 prev="" fp left
  while (( SECONDS - t0 < timeout_s )); do
    [[ -n $hook ]] && { $hook 2>/dev/null || true; }
    left=$(product_backlog 2>/dev/null || echo "?")
    fp=$(product_fingerprint 2>/dev/null || echo "?")
    if [[ $left == 0 && $fp != "?" && $fp == "$prev" ]]; then
      (( since < 0 )) && since=$SECONDS
      if (( SECONDS - since >= stable_s )); then SETTLED_S=$((SECONDS - t0)); return 0; fi
    else
      since=-1
    fi
    prev=$fp
    sleep "$poll_s"
  done
  SETTLED_S=$((SECONDS - t0))
  return 1
}

# GET on the operator API (the dashboard's, under OPS_URL = <dashboard>/ops). Prints the body; returns 1 (printing "HTTP <code>") unless 2xx, except
# that /api/queue/health answers 503 with a body when unhealthy, which is a report, not a failure.
ops_get() {
  local out code
  out=$(curl -sS --max-time 10 -H "X-Ops-Key: ${OPS_KEY:-}" -w '\n%{http_code}' "${OPS_URL%/}$1" 2>&1) || { echo "unreachable"; return 1; }
  code=${out##*$'\n'}; out=${out%$'\n'*}
  if [[ $code == 2* || ( $code == 503 && $1 == /api/queue/health* ) ]]; then printf '%s' "$out"; return 0; fi
  echo "HTTP $code"; return 1
}

# One report line from the operator API (reporting only: the API is being reworked, so every field is optional and
# unknown fields are ignored; a missing endpoint says so instead of failing the run).
ops_queue_report() {
  local stats health dead
  if stats=$(ops_get /api/queue/stats); then
    stats=$(jq -r '[(.totals // {}) | to_entries[] | select(.value | type == "number") | "\(.key)=\(.value)"] | if length == 0 then "no totals" else join(" ") end' <<<"$stats" 2>/dev/null || echo "unreadable")
  fi
  if health=$(ops_get /api/queue/health); then
    health=$(jq -r '"\(.status // "?")\(if ((.reasons // []) | length) > 0 then " (" + ((.reasons // []) | map(tostring) | join("; ")) + ")" else "" end)"' <<<"$health" 2>/dev/null || echo "unreadable")
  fi
  if dead=$(ops_get '/api/queue/dead-letters?limit=500'); then
    dead=$(jq -r '(if type == "array" then . else (.items // .deadLetters // []) end) as $l | ($l | length | tostring) + " listed" +
        (if ($l | length) > 0 then ": " + ($l | group_by([.messageType, .exceptionType]) | map("\(length) × \(.[0].messageType // "?" | split(".") | last) \(.[0].exceptionType // "?" | split(".") | last)") | join(", ")) else "" end)' <<<"$dead" 2>/dev/null || echo "unreadable")
  fi
  echo "queue (ops API): stats ${stats}; health ${health}; dead letters ${dead}"
}
