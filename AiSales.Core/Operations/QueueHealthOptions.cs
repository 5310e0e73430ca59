using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Operations;

/// <summary>When GET /api/queue/health answers 503. Section "Ops:QueueHealth".</summary>
public sealed class QueueHealthOptions
{
    public const string Section = "Ops:QueueHealth";

    /// <summary>Unhealthy when any ready message has waited longer than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxOldestWaiting { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A worker node counts as live if it heartbeated within this window (the shim beats every 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan NodeHeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Require at least one live consuming node (off for setups where only this service runs).</summary>
    public bool RequireLiveNode { get; set; } = true;

    /// <summary>Unhealthy when this many messages or more are dead-lettered (0 = ignore).</summary>
    [Range(0, int.MaxValue)]
    public int MaxDeadLetters { get; set; }
}
