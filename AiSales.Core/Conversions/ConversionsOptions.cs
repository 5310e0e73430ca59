using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Conversions;

/// <summary>Order events to Meta's Conversions API (section "Conversions"; docs/conversions.md).</summary>
public sealed class ConversionsOptions
{
    public const string Section = "Conversions";

    /// <summary>Off: the Worker queues no sends by itself (tests run the jobs by hand). Events are still recorded.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the Worker looks for events due to go.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A queued job not finished after this long (its Worker died) is queued again; also the job's lease.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan RequeueAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Per POST to Meta.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>An event Meta throttles or cannot take (5xx, timeout) this many times in a row is marked failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the first retry; each next one waits four times longer, up to an hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Graph host; empty: Meta:GraphApiBaseUrl, else graph.facebook.com (tests point it at a fake).</summary>
    public string? GraphApiBaseUrl { get; set; }

    public string GraphApiVersion { get; set; } = "v24.0";

    /// <summary>Events Manager's "Test events" code: when set, every event is sent as a test event (never in production).</summary>
    [MaxLength(64)]
    public string? TestEventCode { get; set; }
}
