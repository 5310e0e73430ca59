using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Operations;

/// <summary>
/// Section <c>Retention</c>: how long processed webhook deliveries and their dedupe rows are kept. One rule for the
/// Worker's timer and the Operations page's "clean up now".
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>The key the README documented before this section existed; still read when <c>Retention:Days</c> is absent.</summary>
    public const string LegacyDaysKey = "Webhooks:RetentionDays";

    /// <summary>Processed deliveries and dedupe rows older than this many days are deleted. At least a day because Meta
    /// retries a delivery for about a day, and the dedupe row is what recognises the retry.</summary>
    [Range(1, 3650)]
    public int Days { get; set; } = 30;

    /// <summary>Rows per DELETE: short statements keep locks and WAL bursts small.</summary>
    [Range(100, 100_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>How often the Worker's timer runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan MaxAge => TimeSpan.FromDays(Days);
}
