namespace AiSales.Core.Persistence.Entities;

/// <summary>An event addressed to an account no merchant has connected; kept for replay.</summary>
public class UnroutableEvent
{
    public Guid Id { get; set; }
    public ChannelPlatform Platform { get; set; }
    public string RecipientExternalId { get; set; } = "";
    public string EventKind { get; set; } = "";
    public long? DeliveryId { get; set; }
    /// <summary>The event's JSON (jsonb).</summary>
    public string Payload { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ResolvedAt { get; set; }
}
