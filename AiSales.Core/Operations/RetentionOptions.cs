using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Operations;

/// <summary>How long processed webhook deliveries are kept. Section "Ops:Retention".</summary>
public sealed class RetentionOptions
{
    public const string Section = "Ops:Retention";

    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan ProcessedDeliveries { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Rows deleted per cleanup run, so one run never holds long locks.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 5000;
}
