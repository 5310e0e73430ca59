namespace AiSales.Bench.Intents;

/// <summary>Accuracy of one classifier on one set of rows: overall, per dialect, per intent, and its commonest confusions.</summary>
public sealed class Scoreboard(string name)
{
    private readonly List<(CorpusRow Row, string Predicted)> _results = [];

    public string Name { get; } = name;

    public void Add(CorpusRow row, string predicted) => _results.Add((row, predicted));

    public double Accuracy => Rate(_results);

    public int Count => _results.Count;

    public double AccuracyOf(Func<CorpusRow, bool> filter) => Rate(_results.Where(r => filter(r.Row)).ToList());

    public IEnumerable<(CorpusRow Row, string Predicted)> Errors => _results.Where(r => r.Row.Intent != r.Predicted);

    public IReadOnlyList<(string Expected, string Predicted, int Count)> Confusions(int top) => Errors
        .GroupBy(e => (e.Row.Intent, e.Predicted))
        .Select(g => (g.Key.Intent, g.Key.Predicted, g.Count()))
        .OrderByDescending(c => c.Item3).ThenBy(c => c.Intent, StringComparer.Ordinal)
        .Take(top)
        .ToArray();

    private static double Rate(IReadOnlyCollection<(CorpusRow Row, string Predicted)> rows) =>
        rows.Count == 0 ? double.NaN : rows.Count(r => r.Row.Intent == r.Predicted) / (double)rows.Count;
}
