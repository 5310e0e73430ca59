using System.Text;
using AiSales.Core.Replies.Offline;

namespace AiSales.Tests.Ai;

/// <summary>
/// The lexicon measured on the labelled corpus (Ai/Data/intents.tsv, docs/intents.md). Floors sit just under what was
/// measured, so a cue change that loses real customer sentences fails here. Held-out rows are never used to tune cues.
/// Fresh rows (a second writer's messages, docs/intents.md) have their own floor and are reported separately.
/// </summary>
[Trait("Category", "Unit")]
public class IntentCorpusTests
{
    // Measured (docs/intents.md): 99.2% overall (fresh included), 99.2% held-out, 98.4% fresh, every intent >= 97%, every dialect >= 98.5%.
    private const double OverallFloor = 0.98;
    private const double HeldOutFloor = 0.97;
    private const double PerIntentFloor = 0.93;
    private const double PerDialectFloor = 0.96;

    // The fresh split: messages by a second writer, tuned on its misses, so the floor sits just under its tuned accuracy
    // (the figures before and after: docs/intents.md). It is a dev set now, so it is also part of the whole-corpus floors.
    private const double FreshFloor = 0.96;

    private const string Fresh = "fresh";

    private static readonly Lazy<IReadOnlyList<Row>> Corpus = new(Load);

    // The rows the whole-corpus, per-intent and per-dialect floors apply to: every split, fresh included since it was tuned on.
    private static IReadOnlyList<Row> Floored => Corpus.Value;

    [Fact]
    public void Corpus_is_large_and_covers_every_intent_in_every_dialect()
    {
        var rows = Corpus.Value;
        Assert.True(rows.Count >= 1200, $"{rows.Count} rows");
        var original = rows.Where(r => r.Split != Fresh).ToArray();
        var heldOutShare = original.Count(r => r.HeldOut) / (double)original.Length;
        Assert.InRange(heldOutShare, 0.25, 0.35);
        foreach (var intent in Enum.GetValues<CustomerIntent>())
        {
            var label = Label(intent);
            Assert.True(rows.Count(r => r.Intent == label) >= 40, $"{label}: fewer than 40 rows");
            foreach (var dialect in new[] { "iraqi", "msa", "english", "arabizi" })
            {
                Assert.True(rows.Any(r => r.Intent == label && r.Dialect == dialect), $"{label} has no {dialect} row");
            }
        }
    }

    [Fact]
    public void Lexicon_accuracy_on_the_whole_corpus_and_on_held_out_stays_above_the_floor()
    {
        var rows = Floored;
        Assert.True(Accuracy(rows) >= OverallFloor, Describe("all", rows));
        var heldOut = rows.Where(r => r.HeldOut).ToArray();
        Assert.True(Accuracy(heldOut) >= HeldOutFloor, Describe("held-out", heldOut));
    }

    [Fact]
    public void Fresh_writer_accuracy_stays_above_its_floor()
    {
        var fresh = Corpus.Value.Where(r => r.Split == Fresh).ToArray();
        Assert.Equal(320, fresh.Length);
        Assert.True(Accuracy(fresh) >= FreshFloor, Describe("fresh", fresh));
    }

    [Fact]
    public void Every_intent_and_every_dialect_reaches_its_floor()
    {
        var rows = Floored;
        foreach (var group in rows.GroupBy(r => r.Intent))
        {
            Assert.True(Accuracy(group.ToArray()) >= PerIntentFloor, Describe(group.Key, group.ToArray()));
        }

        foreach (var group in rows.GroupBy(r => r.Dialect))
        {
            Assert.True(Accuracy(group.ToArray()) >= PerDialectFloor, Describe(group.Key, group.ToArray()));
        }
    }

    [Fact]
    public void English_messages_are_never_taken_for_Arabizi()
    {
        // A new single-word English cue missing from IntentLexicon.EnglishWords would turn English replies into Arabic ones.
        // A message without letters ("??") has no language to detect.
        var misread = Floored.Where(r => r.Dialect == "english" && r.Text.Any(char.IsLetter) && IntentDetector.Detect(r.Text).Script != CustomerScript.English)
            .Select(r => r.Text).ToArray();
        Assert.True(misread.Length == 0, string.Join(" | ", misread));
    }

    private static double Accuracy(IReadOnlyCollection<Row> rows) =>
        rows.Count(r => Label(IntentDetector.Detect(r.Text).Primary) == r.Intent) / (double)rows.Count;

    // The failure message names what failed, so a regression can be fixed without rerunning the bench.
    private static string Describe(string what, IReadOnlyCollection<Row> rows)
    {
        var misses = rows.Select(r => (r, got: Label(IntentDetector.Detect(r.Text).Primary))).Where(x => x.got != x.r.Intent)
            .Take(15).Select(x => $"{x.r.Text} [{x.r.Intent} got {x.got}]");
        return $"{what}: {Accuracy(rows):P1} of {rows.Count}; e.g. " + string.Join(" | ", misses);
    }

    private static string Label(CustomerIntent intent)
    {
        var sb = new StringBuilder();
        foreach (var c in intent.ToString())
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static IReadOnlyList<Row> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Ai", "Data", "intents.tsv");
        return File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(f => new Row(f[0], f[1], f[2], f[3])).ToArray();
    }

    private sealed record Row(string Text, string Intent, string Dialect, string Split)
    {
        public bool HeldOut => Split == "heldout";
    }
}
