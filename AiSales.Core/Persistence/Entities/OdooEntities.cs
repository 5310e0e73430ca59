namespace AiSales.Core.Persistence.Entities;

/// <summary>A merchant's Odoo (migration 0012). The key and webhook secret are TokenProtector ciphertext.</summary>
public class OdooConnection
{
    public Guid MerchantId { get; set; }
    public string Url { get; set; } = "";
    public string Database { get; set; } = "";
    public string Username { get; set; } = "";
    public byte[] ApiKeyEncrypted { get; set; } = [];
    public byte[] WebhookSecretEncrypted { get; set; } = [];
    /// <summary>jsonb: AiSales stage → Odoo crm.stage id.</summary>
    public string StageMap { get; set; } = "{}";
    /// <summary>jsonb: the crm.stage list as last read ([{id, name, is_won}]).</summary>
    public string OdooStages { get; set; } = "[]";
    public string? OdooVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>The Odoo id mapping and sync state of one AiSales lead or order (written by triggers and the sync job).</summary>
public class OdooSyncRow
{
    public long Id { get; set; }
    public Guid MerchantId { get; set; }
    /// <summary>lead or order.</summary>
    public string Kind { get; set; } = "";
    public Guid EntityId { get; set; }
    public string OdooModel { get; set; } = "";
    public long? OdooId { get; set; }
    public long? OdooPartnerId { get; set; }
    /// <summary>pending, synced or failed.</summary>
    public string State { get; set; } = "pending";
    public long Version { get; set; }
    public long SyncedVersion { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SyncedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One POST from Odoo's "Send Webhook Notification", as received.</summary>
public class OdooWebhookDelivery
{
    public long Id { get; set; }
    public Guid MerchantId { get; set; }
    public string Body { get; set; } = "";
    public byte[] BodySha256 { get; set; } = [];
    public string? Model { get; set; }
    public long? RecordId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public string? Outcome { get; set; }
    public string? Detail { get; set; }
}
