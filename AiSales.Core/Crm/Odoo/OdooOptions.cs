using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Crm.Odoo;

/// <summary>How AiSales talks to merchants' Odoo servers (section "Odoo"; docs/odoo.md).</summary>
public sealed class OdooOptions
{
    public const string Section = "Odoo";

    /// <summary>Each JSON-RPC call gives up after this long (the merchant sees "timeout").</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A lead or order whose push failed this many times in a row is marked failed (retried by hand).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; each next one waits four times longer, up to an hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Off: the Worker queues no sync jobs by itself (tests run them by hand).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the Worker looks for leads and orders due to go to Odoo.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A queued job not finished after this long (its Worker died) is queued again.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan RequeueAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RetryDelay(int failedAttempts)
    {
        var factor = Math.Pow(4, Math.Max(0, failedAttempts - 1));
        return TimeSpan.FromTicks((long)Math.Min(TimeSpan.FromHours(1).Ticks, FirstRetryDelay.Ticks * factor));
    }
}
