using System.Globalization;

namespace AiSales.Bench.Intents;

/// <summary>Console tables: the figures docs/intents.md quotes.</summary>
public static class Report
{
    private static readonly string[] Dialects = ["iraqi", "msa", "english", "arabizi"];

    public static void Summary(string title, Scoreboard board)
    {
        Console.WriteLine($"\n== {title}: {Pct(board.Accuracy)} of {board.Count}");
        Console.WriteLine("   per dialect: " + string.Join("  ", Dialects.Select(d => $"{d} {Pct(board.AccuracyOf(r => r.Dialect == d))}")));
        Console.WriteLine("   top confusions (expected → predicted ×n): " +
            string.Join(", ", board.Confusions(8).Select(c => $"{c.Expected}→{c.Predicted} ×{c.Count}")));
    }

    public static void Comparison(IReadOnlyList<Scoreboard> boards, IReadOnlyList<CorpusRow> rows, string title = "Held-out accuracy side by side")
    {
        Console.WriteLine($"\n== {title}");
        Console.WriteLine(Row("", boards.Select(b => b.Name)));
        Console.WriteLine(Row("overall", boards.Select(b => Pct(b.Accuracy))));
        foreach (var d in Dialects)
        {
            Console.WriteLine(Row(d, boards.Select(b => Pct(b.AccuracyOf(r => r.Dialect == d)))));
        }

        foreach (var intent in rows.Select(r => r.Intent).Distinct().Order(StringComparer.Ordinal))
        {
            var n = rows.Count(r => r.Intent == intent);
            Console.WriteLine(Row($"{intent} ({n})", boards.Select(b => Pct(b.AccuracyOf(r => r.Intent == intent)))));
        }
    }

    public static void Errors(string title, Scoreboard board)
    {
        Console.WriteLine($"\n== {title}");
        foreach (var (row, predicted) in board.Errors.OrderBy(e => e.Row.Intent, StringComparer.Ordinal))
        {
            Console.WriteLine($"{row.Intent,-20} got {predicted,-20} [{row.Dialect}] {row.Text}");
        }
    }

    private static string Row(string label, IEnumerable<string> cells) =>
        $"   {label,-26}" + string.Concat(cells.Select(c => $"{c,16}"));

    private static string Pct(double value) =>
        double.IsNaN(value) ? "-" : (value * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
