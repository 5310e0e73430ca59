using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Commerce;

/// <summary>Publishing products to merchants' Meta catalogs (section "MetaCatalog"; docs/catalog-sync.md).</summary>
public sealed class MetaCatalogOptions
{
    public const string Section = "MetaCatalog";

    /// <summary>Product requests in one items_batch call (Meta accepts up to 5,000 and recommends fewer).</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>A product whose send got no usable answer this many times in a row is marked failed (sent again on request).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; each next one waits four times longer, up to an hour (Retry-After wins when longer).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Meta applies a batch in the background: how long after sending (and between checks) its status is read.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan StatusCheckDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Status reads of one batch before its products are sent again (Meta lost or never finished it).</summary>
    [Range(1, 200)]
    public int MaxStatusChecks { get; set; } = 30;

    /// <summary>Off: the Worker queues no sync jobs by itself (tests run them by hand).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the Worker looks for merchants with products due to go to Meta.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A queued job not finished after this long (its Worker died) is queued again; also the job's lease.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan RequeueAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RetryDelay(int failedAttempts, TimeSpan? retryAfter = null)
    {
        var factor = Math.Pow(4, Math.Clamp(failedAttempts - 1, 0, 10));
        var backoff = TimeSpan.FromTicks((long)Math.Min(TimeSpan.FromHours(1).Ticks, FirstRetryDelay.Ticks * factor));
        return retryAfter is { } header && header > backoff ? header : backoff;
    }
}
