#!/usr/bin/env bash
# The scripted sales dialogues (AiSales.Tests/Conversations/Dialogues/*.json) played end to end — signed webhooks into the
# real Webhooks service, the real Worker, the demo shop seeded by DemoSeeder, offline replies — and the report table:
# per dialogue and totals (turns answered, right product, right price, amounts explained, hand-offs announced, orders
# captured / expected). Same runner as the xunit test SalesDialogueTests; docs/sales-dialogues.md.
#
#   [DIALOGUES=iq-,en-jacket] [DIALOGUE_CONCURRENCY=12] [REPORT=out.txt] [NO_BUILD=1] bench/dialogues.sh
#
# Exit status: 0 when every expectation held, 1 otherwise (the table is printed either way).
set -euo pipefail
cd "$(dirname "$0")/.."

report="${REPORT:-$(mktemp -t dialogues-report.XXXXXX)}"
log="$(mktemp -t dialogues-log.XXXXXX)"
trap 'rm -f "$log"' EXIT

if [[ -z "${NO_BUILD:-}" ]]; then
  dotnet build AiSales.Tests/AiSales.Tests.csproj -v q -nologo >"$log" 2>&1 || { cat "$log"; exit 2; }
fi

start=$(date +%s)
status=0
DIALOGUE_REPORT="$report" DIALOGUES="${DIALOGUES:-}" DIALOGUE_CONCURRENCY="${DIALOGUE_CONCURRENCY:-12}" \
  dotnet test AiSales.Tests/AiSales.Tests.csproj --no-build -nologo \
  --filter "FullyQualifiedName~SalesDialogueTests.Every_scripted_dialogue" >"$log" 2>&1 || status=$?
end=$(date +%s)

if [[ ! -s "$report" ]]; then
  echo "No report written; dotnet test said:" >&2
  tail -50 "$log" >&2
  exit 2
fi

if [[ -n "${FAILURES:-}" ]]; then
  cat "$report"
else
  sed '/^Failed expectations$/q' "$report" | sed '$d'
  echo "Failed expectations: $(grep -c '^\[' "$report" || true) (FAILURES=1 to print them; full report in $report)"
fi
echo "Wall time including host start: $((end - start)) s on $(nproc) cores"
exit $(( status == 0 ? 0 : 1 ))
