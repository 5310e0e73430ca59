namespace AiSales.Core.Persistence.Entities;

/// <summary>Who did what (takeovers, channel changes, settings, operator actions).</summary>
public class AuditLogEntry
{
    public long Id { get; set; }
    public Guid? MerchantId { get; set; }
    public Guid? ActorUserId { get; set; }
    /// <summary>"user:&lt;id&gt;", "system", "ops", "ai".</summary>
    public string Actor { get; set; } = "system";
    public string Action { get; set; } = "";
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    /// <summary>Free-form details (jsonb).</summary>
    public string Details { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
