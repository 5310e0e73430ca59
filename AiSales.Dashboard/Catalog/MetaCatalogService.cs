using AiSales.Core.Commerce;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Security;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Catalog;

/// <summary>What the owner typed. An empty token keeps the stored one; a channel id uses that number's token.</summary>
public sealed record MetaCatalogForm(string? CatalogId, string? ChannelAccountId, string? Token, string? ShopUrl, string? Brand);

/// <summary>A WhatsApp number whose token the catalog may use.</summary>
public sealed record CatalogTokenSource(Guid Id, string Name);

/// <summary>The Meta catalog page's view (never the token).</summary>
public sealed record MetaCatalogView(bool Connected, string? CatalogId, Guid? ChannelAccountId, bool HasOwnToken, string? ShopUrl, string? Brand,
    string Status, string? LastError, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<CatalogTokenSource> Numbers);

/// <summary>One product's sync state for the catalog table.</summary>
public sealed record ProductSyncState(string State, string? ErrorCode, string? Detail);

/// <summary>
/// The merchant's Meta catalog connection and sync state, through <see cref="MerchantData"/> (row-level security). The
/// token is encrypted with <see cref="TokenProtector"/> and never read back into a page. Saving (or "sync all") marks
/// every product pending; the Worker's scheduler picks them up within seconds.
/// </summary>
public sealed class MetaCatalogService(MerchantData data, ILogger<MetaCatalogService> logger, TokenProtector? protector = null)
{
    public const int MaxUrl = 500;
    public const int MaxBrand = 100;

    /// <summary>Every live product pending (with a row made for those that have none), and deleted ones Meta still holds.</summary>
    private const string MarkAllSql = """
        INSERT INTO catalog_sync (product_id, merchant_id, retailer_id)
        SELECT id, merchant_id, sku FROM products WHERE merchant_id = {0} AND deleted_at IS NULL
        ON CONFLICT (product_id) DO UPDATE SET retailer_id = EXCLUDED.retailer_id, version = catalog_sync.version + 1, state = 'pending',
            attempts = 0, next_attempt_at = now(), error_code = NULL, last_error = NULL, updated_at = now();
        UPDATE catalog_sync s SET version = s.version + 1, state = 'pending', attempts = 0, next_attempt_at = now(), error_code = NULL,
            last_error = NULL, updated_at = now()
        WHERE s.merchant_id = {0} AND s.remote_retailer_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM products p WHERE p.id = s.product_id AND p.deleted_at IS NULL);
        """;

    public bool CanStoreSecrets => protector is not null;

    public Task<MetaCatalogView> LoadAsync(CancellationToken ct = default) => data.RunAsync(async (db, merchantId) =>
    {
        var c = await db.MetaCatalogs.AsNoTracking().FirstOrDefaultAsync(x => x.MerchantId == merchantId, ct);
        var counts = await db.CatalogSync.AsNoTracking().Where(s => s.MerchantId == merchantId).GroupBy(s => s.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var numbers = await db.ChannelAccounts.AsNoTracking()
            .Where(a => a.MerchantId == merchantId && a.Platform == ChannelPlatform.WhatsApp && a.Provider == ChannelProvider.Meta)
            .OrderBy(a => a.CreatedAt).Select(a => new CatalogTokenSource(a.Id, a.DisplayName ?? a.ExternalId)).ToListAsync(ct);
        return new MetaCatalogView(c is not null, c?.CatalogId, c?.ChannelAccountId, c?.AccessTokenEncrypted is { Length: > 0 }, c?.ShopUrl, c?.Brand,
            c?.Status ?? "active", c?.LastError, counts, numbers);
    }, ct);

    /// <summary>Saves the connection and sends every product again. Null on success, else the problem's text key.</summary>
    public async Task<string?> SaveAsync(MetaCatalogForm form, CancellationToken ct = default)
    {
        if (protector is null) return "mc.problem.noKey";
        var catalogId = form.CatalogId?.Trim() ?? "";
        if (catalogId.Length is < 5 or > 25 || !catalogId.All(char.IsAsciiDigit)) return "mc.problem.catalogId";
        var shopUrl = form.ShopUrl?.Trim() ?? "";
        if (shopUrl.Length > MaxUrl || !CatalogItemPlan.IsPublicUrl(shopUrl)) return "mc.problem.shopUrl";
        var brand = string.IsNullOrWhiteSpace(form.Brand) ? null : form.Brand.Trim();
        if (brand?.Length > MaxBrand) return "mc.problem.brand";
        Guid? channelId = Guid.TryParse(form.ChannelAccountId, out var g) ? g : null;
        var token = form.Token?.Trim();
        if (token?.Length > 1000) return "mc.problem.token";
        return await data.RunAsync(async (db, merchantId) =>
        {
            if (channelId is { } id && !await db.ChannelAccounts.AnyAsync(a => a.Id == id && a.MerchantId == merchantId
                    && a.Platform == ChannelPlatform.WhatsApp && a.Provider == ChannelProvider.Meta, ct))
                return "mc.problem.channel";
            var c = await db.MetaCatalogs.FirstOrDefaultAsync(x => x.MerchantId == merchantId, ct);
            if (channelId is null && string.IsNullOrEmpty(token) && c?.AccessTokenEncrypted is not { Length: > 0 }) return "mc.problem.token";
            if (c is null) db.MetaCatalogs.Add(c = new MetaCatalogRow { MerchantId = merchantId });
            else if (c.CatalogId != catalogId)
                // Another catalog: the items we know of are in the old one. Everything is sent to the new one as new.
                await db.CatalogSync.Where(s => s.MerchantId == merchantId).ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.RemoteRetailerId, (string?)null).SetProperty(s => s.BatchHandle, (string?)null), ct);
            c.CatalogId = catalogId;
            c.ChannelAccountId = channelId;
            if (!string.IsNullOrEmpty(token)) c.AccessTokenEncrypted = protector.Protect(token);
            c.ShopUrl = shopUrl;
            c.Brand = brand;
            c.Status = "active";
            c.LastError = null;
            c.UpdatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(ct);
            var marked = await db.Database.ExecuteSqlRawAsync(MarkAllSql, [merchantId], ct);
            logger.LogInformation("Meta catalog {CatalogId} saved for merchant {MerchantId} (token from {TokenSource}); {Marked} rows marked",
                catalogId, merchantId, channelId is null ? "entered" : "channel", marked);
            return (string?)null;
        }, ct);
    }

    /// <summary>"Sync all now": every product pending, due at once. Returns how many rows were marked.</summary>
    public Task<int> SyncAllAsync(CancellationToken ct = default) => data.RunAsync(async (db, merchantId) =>
        await db.MetaCatalogs.AnyAsync(x => x.MerchantId == merchantId, ct)
            ? await db.Database.ExecuteSqlRawAsync(MarkAllSql, [merchantId], ct)
            : 0, ct);

    /// <summary>Forgets the connection; the items stay in Meta, and the sync rows stay so reconnecting updates the same items.</summary>
    public Task DisconnectAsync(CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => db.MetaCatalogs.Where(x => x.MerchantId == merchantId).ExecuteDeleteAsync(ct), ct);

    /// <summary>Sync state of the given products; null when the merchant has no Meta catalog (the page shows no column).</summary>
    public Task<Dictionary<Guid, ProductSyncState>?> StatesAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            if (!await db.MetaCatalogs.AnyAsync(x => x.MerchantId == merchantId, ct)) return null;
            var ids = productIds.ToList();
            return (Dictionary<Guid, ProductSyncState>?)await db.CatalogSync.AsNoTracking().Where(s => s.MerchantId == merchantId && ids.Contains(s.ProductId))
                .ToDictionaryAsync(s => s.ProductId, s => new ProductSyncState(s.State, s.ErrorCode, s.LastError), ct);
        }, ct);
}
