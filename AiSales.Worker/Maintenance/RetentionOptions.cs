using System.ComponentModel.DataAnnotations;

namespace AiSales.Worker.Maintenance;

/// <summary>Retention of raw deliveries and dedupe rows (section "Webhooks", shared with ingest's own keys).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Webhooks";

    /// <summary>Processed deliveries and processed_events older than this are deleted. Meta retries for about a day.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Rows per DELETE: short statements keep locks and WAL bursts small.</summary>
    [Range(100, 100_000)]
    public int RetentionBatchSize { get; set; } = 5_000;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
