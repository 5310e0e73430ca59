using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.LeadAds;

/// <summary>Lead ads reads (section <c>LeadAds</c>): how often a throttled or failing Graph read is tried, and how far apart.</summary>
public sealed class LeadAdsOptions
{
    public const string SectionName = "LeadAds";

    /// <summary>Reads of one lead before it is marked failed (throttle 4/17/32/80001/80005, 5xx, timeouts).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait after the first failed read; each further one waits four times longer (30 s, 2 min, 8 min, 32 min…).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two reads.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait before read number <paramref name="attemptsSoFar"/> + 1, never less than Meta's Retry-After.</summary>
    public TimeSpan DelayAfter(int attemptsSoFar, TimeSpan? retryAfterHeader)
    {
        var exponent = Math.Clamp(attemptsSoFar - 1, 0, 10);
        var backoff = TimeSpan.FromTicks(Math.Min(RetryBaseDelay.Ticks * (long)Math.Pow(4, exponent), MaxRetryDelay.Ticks));
        return retryAfterHeader is { } header && header > backoff ? header : backoff;
    }
}
