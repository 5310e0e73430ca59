using AiSales.Core.Audit;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Shop;

/// <summary>What a price or stock change did.</summary>
public enum ProductEdit
{
    Changed,
    NotFound,
    Invalid,
    Unchanged,
}

/// <summary>
/// The two product facts the team changes most, outside the catalog form: price and stock. Each change and its audit row
/// (the same <see cref="AuditActions.ProductUpdated"/> the catalog writes, with the old and new value) save together.
/// </summary>
public sealed class ProductEdits(MerchantData data, TimeProvider clock)
{
    public Task<ProductEdit> SetPriceAsync(ShopActor actor, Guid productId, long priceIqd, CancellationToken ct = default) =>
        priceIqd is <= 0 or > 1_000_000_000 ? Task.FromResult(ProductEdit.Invalid)
            : EditAsync(actor, productId, "price_iqd", p => p.PriceIqd, (p, v) => p.PriceIqd = v, priceIqd, ct);

    public Task<ProductEdit> SetStockAsync(ShopActor actor, Guid productId, int stock, CancellationToken ct = default) =>
        stock is < 0 or > 1_000_000 ? Task.FromResult(ProductEdit.Invalid)
            : EditAsync(actor, productId, "stock", p => p.Stock, (p, v) => p.Stock = (int)v, stock, ct);

    private Task<ProductEdit> EditAsync(ShopActor actor, Guid productId, string field, Func<Persistence.Entities.Product, long> get,
        Action<Persistence.Entities.Product, long> set, long value, CancellationToken ct) =>
        data.RunForAsync(actor.MerchantId, async (db, merchantId) =>
        {
            var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId && p.MerchantId == merchantId && p.DeletedAt == null, ct);
            if (product is null) return ProductEdit.NotFound;
            var before = get(product);
            if (before == value) return ProductEdit.Unchanged;
            set(product, value);
            product.UpdatedAt = clock.GetUtcNow();
            new AuditLog(db).Add(merchantId, actor.UserId, AuditActions.ProductUpdated, "product", productId.ToString(),
                new { sku = product.Sku, field, from = before, to = value, via = actor.Via });
            await db.SaveChangesAsync(ct);
            return ProductEdit.Changed;
        }, ct);
}
