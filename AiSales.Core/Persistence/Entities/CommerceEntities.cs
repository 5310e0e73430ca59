namespace AiSales.Core.Persistence.Entities;

/// <summary>A merchant's Meta catalog (migration 0018). The token is TokenProtector ciphertext, or taken from the channel.</summary>
public class MetaCatalogRow
{
    public Guid MerchantId { get; set; }
    public string CatalogId { get; set; } = "";
    public Guid? ChannelAccountId { get; set; }
    public byte[]? AccessTokenEncrypted { get; set; }
    public string ShopUrl { get; set; } = "";
    public string? Brand { get; set; }
    /// <summary>active or needs_reconnect.</summary>
    public string Status { get; set; } = "active";
    public string? LastError { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>The Meta catalog sync state of one product (written by the products trigger and the sync job).</summary>
public class CatalogSyncRow
{
    public Guid ProductId { get; set; }
    public Guid MerchantId { get; set; }
    public string RetailerId { get; set; } = "";
    public string? RemoteRetailerId { get; set; }
    /// <summary>pending, sent, synced or failed.</summary>
    public string State { get; set; } = "pending";
    public long Version { get; set; }
    public long? SentVersion { get; set; }
    public string? SentMethod { get; set; }
    public string? SentRetailerId { get; set; }
    public string? BatchHandle { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>One of <see cref="CatalogSyncErrors"/> when failed.</summary>
    public string? ErrorCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SyncedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
