#!/usr/bin/env bash
# Greps an AppHost run's logs for its secrets: the Meta app secret, verify token, operator key, encryption key,
# the private Postgres/Redis passwords, and any channel tokens listed in CHANNEL_TOKENS_FILE (one per line).
# Zero hits expected. The secrets themselves are never printed: only which kind matched and where.
#
# Usage: bench/scan-secrets.sh <AppHost state dir (has secrets.json, logs/)> [more dirs with *.log/*.out ...]
# Exit 0 = no hits, 1 = hits, 2 = bad usage.
set -euo pipefail
state=${1:?usage: $0 <state dir> [dirs...]}; shift || true
[[ -f $state/secrets.json ]] || { echo "no $state/secrets.json" >&2; exit 2; }

mapfile -t files < <( { find "$state/logs" -type f 2>/dev/null; for d in "$@"; do find "$d" -maxdepth 2 -type f \( -name '*.log' -o -name '*.out' \) 2>/dev/null; done; } | sort -u)
patterns=$(mktemp); trap 'rm -f "$patterns"' EXIT
python3 - "$state/secrets.json" "${CHANNEL_TOKENS_FILE:-}" >"$patterns" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
kinds = {"metaAppSecret": s["metaAppSecret"], "verifyToken": s["verifyToken"], "operatorApiKey": s["operatorApiKey"],
         "encryptionKey": s["encryptionKey"], "postgresPassword": s["postgresPassword"], "redisPassword": s["redisPassword"],
         "demoPassword": s["demo"]["password"]}
for k, v in kinds.items(): print(f"{k}\t{v}")
if len(sys.argv) > 2 and sys.argv[2]:
    for i, line in enumerate(open(sys.argv[2])):
        if line.strip(): print(f"channelToken#{i}\t{line.strip()}")
PY

# Canary: the same grep must find a planted secret, or a zero below would mean nothing.
canary=$(mktemp); printf 'x %s y\n' "$(head -1 "$patterns" | cut -f2)" >"$canary"
grep -qF -- "$(head -1 "$patterns" | cut -f2)" "$canary" || { rm -f "$canary"; echo "canary not found: scanner broken" >&2; exit 2; }
rm -f "$canary"

hits=0 kinds=0 bytes=0
for f in "${files[@]}"; do bytes=$((bytes + $(stat -c %s "$f"))); done
while IFS=$'\t' read -r kind value; do
  kinds=$((kinds + 1))
  [[ ${#value} -ge 8 ]] || continue
  for f in "${files[@]}"; do
    n=$(grep -cF -- "$value" "$f" || true)
    if [[ $n -gt 0 ]]; then echo "HIT: $kind in $f ($n lines)"; hits=$((hits + n)); fi
  done
done <"$patterns"
echo "scan-secrets: ${#files[@]} files, $((bytes / 1024)) KiB, $kinds secrets checked, $hits hits"
[[ $hits -eq 0 ]]
