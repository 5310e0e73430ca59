using AiSales.Core.Audit;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Shop;

/// <summary>
/// Pausing the assistant for the whole shop (ai_settings.paused: every reply job drops itself while it is set) or
/// resuming it. For one customer, taking the conversation over is the pause (<see cref="ConversationOwnership"/>).
/// </summary>
public sealed class AiPause(MerchantData data, TimeProvider clock)
{
    /// <returns>False when it already was in that state.</returns>
    public Task<bool> SetAsync(ShopActor actor, bool paused, CancellationToken ct = default) =>
        data.RunForAsync(actor.MerchantId, async (db, merchantId) =>
        {
            var merchant = await db.Merchants.FirstAsync(m => m.Id == merchantId, ct);
            if (merchant.AiSettings.Paused == paused) return false;
            // The jsonb value's comparer snapshots it serialised, so changing it in place is seen.
            merchant.AiSettings.Paused = paused;
            merchant.UpdatedAt = clock.GetUtcNow();
            new AuditLog(db).Add(merchantId, actor.UserId, AuditActions.AiSettingsChanged, "merchant", merchantId.ToString(),
                new { changed = new[] { "paused" }, paused, via = actor.Via });
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    public Task<bool> IsPausedAsync(Guid merchantId, CancellationToken ct = default) =>
        data.RunForAsync(merchantId, (db, id) => IsPausedAsync(db, id, ct), ct);

    private static async Task<bool> IsPausedAsync(Persistence.AiSalesDbContext db, Guid merchantId, CancellationToken ct) =>
        (await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == merchantId, ct)).AiSettings.Paused;
}
