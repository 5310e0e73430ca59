using System.ComponentModel.DataAnnotations;

namespace AiSales.Worker.Monitoring;

/// <summary>When the watch raises an alert about a WhatsApp number (section "Monitoring"; docs/monitoring.md).</summary>
public sealed class ChannelHealthWatchOptions : IValidatableObject
{
    public const string Section = "Monitoring";

    /// <summary>Off: no checks, no alerts (the health page still shows what was recorded).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the numbers are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Deliveries stopped: no webhook event for the number for this long …</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SilenceAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>… although it had one within this window (a number that is simply quiet, or never used, raises nothing).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TrafficWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Sends failing: the number's last this many settled sends all failed.</summary>
    [Range(1, 1000)]
    public int FailedInARow { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SilenceAfter >= TrafficWindow)
            yield return new ValidationResult($"{Section}:SilenceAfter must be shorter than {Section}:TrafficWindow.",
                [nameof(SilenceAfter), nameof(TrafficWindow)]);
    }
}
