using AiSales.Dashboard.Analytics;

namespace AiSales.Tests.Dashboard;

/// <summary>The charts' value axis: whole-number ticks, never one value twice (the leads-per-day axis read "1, 1, 0").</summary>
[Trait("Category", "Unit")]
public sealed class ChartScaleTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 1)]
    [InlineData(3, 3, 1)]
    [InlineData(4, 4, 1)]
    [InlineData(5, 6, 2)]
    [InlineData(7, 8, 2)]
    [InlineData(10, 10, 5)]
    [InlineData(37, 40, 10)]
    [InlineData(250_000, 300_000, 100_000)]
    [InlineData(1_234_567, 1_500_000, 500_000)]
    public void Axis_has_whole_distinct_ticks(double max, double top, double step)
    {
        var (m, s) = ChartScale.Axis(max);
        Assert.Equal((top, step), (m, s));
        var ticks = Enumerable.Range(0, (int)Math.Round(m / s) + 1).Select(i => (long)Math.Round(i * s)).ToList();
        Assert.Equal(ticks.Count, ticks.Distinct().Count());
        Assert.True(m >= max);
        Assert.InRange(ticks.Count, 2, 6);
    }
}
