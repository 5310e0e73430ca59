using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Sending.RateLimiting;

/// <summary>
/// <see cref="Limit"/> requests per <see cref="Period"/>, with at most <see cref="Burst"/> back-to-back
/// when idle. GCRA spaces requests Period/Limit apart and lets up to Burst of them arrive early.
/// </summary>
public sealed class RateLimitRule
{
    [Range(1, int.MaxValue)]
    public int Limit { get; set; } = 1;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, int.MaxValue)]
    public int Burst { get; set; } = 1;

    public static RateLimitRule PerSecond(int limit, int? burst = null) => new() { Limit = limit, Period = TimeSpan.FromSeconds(1), Burst = burst ?? limit };

    /// <summary>Milliseconds between two requests at the sustained rate.</summary>
    public double EmissionIntervalMs => Period.TotalMilliseconds / Limit;
}
