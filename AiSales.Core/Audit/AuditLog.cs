using System.Text.Json;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Audit;

/// <summary>
/// Who did what. Bound to the DbContext doing the work so the audit row commits in the same SaveChanges
/// (one transaction) as the change it describes: an action is never recorded without happening, or the reverse.
/// </summary>
public sealed class AuditLog(AiSalesDbContext db)
{
    /// <summary>Stages an audit row; it is written by the caller's next SaveChanges.</summary>
    public AuditLogEntry Add(Guid? merchantId, Guid? userId, string action, string? entityType, string? entityId, object? details = null)
    {
        var entry = new AuditLogEntry
        {
            MerchantId = merchantId,
            ActorUserId = userId,
            Actor = userId is { } id ? $"user:{id}" : "system",
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details is null ? "{}" : details as string ?? JsonSerializer.Serialize(details),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.AuditLog.Add(entry);
        return entry;
    }

    /// <summary>Stages the row and saves (with whatever else the context has pending).</summary>
    public async Task RecordAsync(Guid? merchantId, Guid? userId, string action, string? entityType, string? entityId,
        object? details = null, CancellationToken ct = default)
    {
        Add(merchantId, userId, action, entityType, entityId, details);
        await db.SaveChangesAsync(ct);
    }
}
