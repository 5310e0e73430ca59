namespace AiSales.Dashboard.Analytics;

/// <summary>
/// One series of a chart: Key is stable (channel, source, "ai"…: test ids), Name is in the merchant's words (the legend),
/// one value per category (null = no value, a gap in a line). Plain data, so it crosses into the interactive chart
/// (AnalyticsChart) as a parameter: arrays, because an interactive component's parameters are read back with
/// System.Text.Json, which cannot build the read-only list a collection expression makes for IReadOnlyList.
/// </summary>
public sealed record ChartSeries(string Key, string Name, string Color, double?[] Values);

public enum ChartKind
{
    /// <summary>Series stacked in one column per category (parts of one whole, e.g. messages by channel).</summary>
    StackedColumns,
    /// <summary>Series side by side in each category (e.g. leads and sales by source).</summary>
    Columns,
    /// <summary>One line per series: the shape over time, to compare series with each other.</summary>
    Lines,
}

/// <summary>How a chart's values read: counts, dinars, an amount in another currency (cents kept), or seconds (shown as seconds or minutes).</summary>
public enum ChartUnit
{
    Count,
    Iqd,
    Amount,
    Seconds,
}

/// <summary>Axis scale: a "nice" maximum (1, 2, 2.5, 5 × 10^n) so grid lines fall on round numbers.</summary>
public static class ChartScale
{
    /// <summary>
    /// The value axis: its top and the step between grid lines, about <paramref name="lines"/> lines of whole numbers
    /// (counts and dinars are whole). A small maximum gets fewer lines rather than fractions: 1 → 0, 1 (four lines up
    /// to 1 read "0, 0, 1, 1, 1" once rounded); 3 → 0, 1, 2, 3; 7 → 0, 2, 4, 6, 8.
    /// </summary>
    public static (double Max, double Step) Axis(double max, int lines = 4)
    {
        if (max <= 0) return (1, 1);
        var raw = max / lines;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = 10 * magnitude;
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 })
        {
            var s = m * magnitude;
            if (s >= raw - 1e-9 && Math.Abs(s - Math.Round(s)) < 1e-9) { step = s; break; }
        }
        step = Math.Max(1, Math.Round(step));
        return (step * Math.Ceiling(max / step - 1e-9), step);
    }
}
