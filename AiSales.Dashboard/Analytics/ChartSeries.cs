namespace AiSales.Dashboard.Analytics;

/// <summary>One named series of a chart: one value per category (null = no value, a gap in a line).</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double?> Values);

public enum ChartKind
{
    /// <summary>Series stacked in one bar per category.</summary>
    StackedBars,
    /// <summary>Series side by side in each category.</summary>
    GroupedBars,
    Line,
}

/// <summary>Axis scale: a "nice" maximum (1, 2, 2.5, 5 × 10^n) so grid lines fall on round numbers.</summary>
public static class ChartScale
{
    public static double NiceMax(double max)
    {
        if (max <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * magnitude >= max) return step * magnitude;
        return 10 * magnitude;
    }
}
