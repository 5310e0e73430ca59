using System.ComponentModel.DataAnnotations;

namespace AiSales.Webhooks.Ingest;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Largest body accepted. WhatsApp documents payloads up to 3 MB; leave headroom.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most deliveries committed in one transaction.</summary>
    [Range(1, 5000)]
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>How long a committer waits for more requests to share its transaction. Zero relies on
    /// natural batching (requests that arrive while the previous commit runs share the next one).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan BatchLinger { get; set; } = TimeSpan.Zero;

    /// <summary>Parallel committers, so one slow fsync does not stall every request.</summary>
    [Range(1, 16)]
    public int Committers { get; set; } = 2;

    /// <summary>Answer 503 rather than let Meta's connection hang when the database is slow or down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Retry-After sent with a 503.</summary>
    [Range(1, 300)]
    public int RetryAfterSeconds { get; set; } = 5;
}
