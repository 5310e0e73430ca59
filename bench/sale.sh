#!/usr/bin/env bash
# The sale, measured: intent accuracy on the labelled corpus (lexicon vs ML.NET, docs/intents.md) and the scripted
# sales dialogues played end to end (docs/sales-dialogues.md). Passes its environment to both (e.g. FAILURES=1).
set -uo pipefail
cd "$(dirname "$0")/.."
echo "== Intents (AiSales.Tests/Ai/Data/intents.tsv) =="
dotnet run --project bench/Intents -c Release
intents=$?
echo
echo "== Sales dialogues (AiSales.Tests/Conversations/Dialogues) =="
bench/dialogues.sh
dialogues=$?
exit $(( intents != 0 ? intents : dialogues ))
