using AiSales.Bench.Intents;

// Lexicon (production IntentDetector) vs a learned ML.NET model on the labelled corpus (docs/intents.md).
// The learned model trains on dev and is scored on held-out; the lexicon has no training, so it is scored on both.
// --dev-errors lists the lexicon's dev misses, the only failures anyone may tune cues on: held-out misses are
// never printed, so the held-out figure stays an honest estimate of unseen messages.
var showDevErrors = args.Contains("--dev-errors");
// --dev-only: the tuning loop, which must not even glance at held-out figures.
var devOnly = args.Contains("--dev-only");
// --fresh-errors lists the lexicon's misses on the fresh split (a second writer's messages, docs/intents.md).
var showFreshErrors = args.Contains("--fresh-errors");
var corpus = CorpusRow.Load(CorpusRow.Locate());
var dev = corpus.Where(r => r.IsDev).ToArray();
var heldOut = corpus.Where(r => r.IsHeldOut).ToArray();
var fresh = corpus.Where(r => r.IsFresh).ToArray();
Console.WriteLine($"corpus: {corpus.Count} messages, dev {dev.Length}, held-out {heldOut.Length}, fresh {fresh.Length}");

var lexiconDev = Score("lexicon", dev, LexiconClassifier.Predict);
Report.Summary("Lexicon on dev", lexiconDev);
if (!devOnly)
{
    var lexiconHeldOut = Score("lexicon", heldOut, LexiconClassifier.Predict);
    Report.Summary("Lexicon on held-out", lexiconHeldOut);
    var boards = new List<Scoreboard> { lexiconHeldOut };
    foreach (var trainer in new[] { "sdca", "lbfgs" })
    {
        var started = DateTime.UtcNow;
        var model = LearnedClassifier.Train(dev, trainer);
        var board = Score($"ml.net {trainer}", heldOut, model.Predict);
        Console.WriteLine($"\n(ml.net {trainer}: trained on {dev.Length} dev rows in {(DateTime.UtcNow - started).TotalSeconds:F1} s)");
        Report.Summary($"ML.NET {trainer} (char 1-4 + word 1-2 grams) on held-out", board);
        boards.Add(board);
    }

    Report.Comparison(boards, heldOut);
}

var lexiconFresh = Score("lexicon", fresh, LexiconClassifier.Predict);
Report.Summary("Lexicon on fresh (second writer)", lexiconFresh);
Report.Comparison([lexiconFresh], fresh, "Fresh accuracy per dialect and intent");

if (showDevErrors)
{
    Report.Errors("Lexicon misses on dev", lexiconDev);
}

if (showFreshErrors)
{
    Report.Errors("Lexicon misses on fresh", lexiconFresh);
}

static Scoreboard Score(string name, IEnumerable<CorpusRow> rows, Func<string, string> predict)
{
    var board = new Scoreboard(name);
    foreach (var row in rows)
    {
        board.Add(row, predict(row.Text));
    }

    return board;
}
