using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Operations;

/// <summary>Which Wolverine queues the ops API reports, and when GET /ops/api/queue/health answers 503. Section "Ops:QueueHealth".</summary>
public sealed class QueueHealthOptions
{
    public const string Section = "Ops:QueueHealth";

    /// <summary>The PostgreSQL transport queues reported (stats, metrics, health). An array, so configuration replaces the
    /// default list instead of appending to it.</summary>
    [MinLength(1)]
    public string[] Queues { get; set; } = ["inbound", "replies", "sends", "integrations"];

    /// <summary>Unhealthy when a queue's oldest ready message has waited longer than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxOldestWaiting { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Unhealthy when a queue holds this many ready messages or more (0 = ignore).</summary>
    [Range(0, int.MaxValue)]
    public int MaxQueueBacklog { get; set; } = 10_000;

    /// <summary>A node counts as live if its Wolverine health check (every 10 s by default) is this recent.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan NodeHeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Require at least one live node besides the answering process (off for setups where only this service runs).</summary>
    public bool RequireLiveNode { get; set; } = true;

    /// <summary>Unhealthy when this many messages or more are dead-lettered (0 = ignore).</summary>
    [Range(0, int.MaxValue)]
    public int MaxDeadLetters { get; set; }
}
