using AiSales.Core.Audit;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using AiSales.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Catalog;

/// <summary>Editable view of a product (lists as comma-separated text for the form).</summary>
public sealed class ProductForm
{
    public Guid? Id { get; set; }
    /// <summary>The id as posted by the form (hidden field); empty for a new product.</summary>
    public string? IdText { get => Id?.ToString(); set => Id = Guid.TryParse(value, out var g) ? g : null; }
    public string Sku { get; set; } = "";
    public string NameAr { get; set; } = "";
    public string? NameEn { get; set; }
    public string Aliases { get; set; } = "";
    public long PriceIqd { get; set; }
    public int Stock { get; set; }
    public string Sizes { get; set; } = "";
    public string Colors { get; set; } = "";
    public bool Active { get; set; } = true;
    /// <summary>"" (guess from the name), "masculine" or "feminine": the stored text of <see cref="GrammaticalGender"/>.</summary>
    public string? Gender { get; set; } = "";
    /// <summary>Post, reel, story and ad ids, separated by commas or new lines.</summary>
    public string? MediaIds { get; set; } = "";

    public const int MaxMediaIds = 100;
    public const int MaxMediaIdLength = 128;

    public static ProductForm From(Product p) => new()
    {
        Id = p.Id, Sku = p.Sku, NameAr = p.NameAr, NameEn = p.NameEn, Aliases = string.Join(", ", p.Aliases), PriceIqd = p.PriceIqd,
        Stock = p.Stock, Sizes = string.Join(", ", p.Variants.Sizes), Colors = string.Join(", ", p.Variants.Colors), Active = p.Active,
        Gender = p.GrammaticalGender is { } g ? EnumText<GrammaticalGender>.ToText(g) : "", MediaIds = string.Join("\n", p.MediaIds),
    };

    /// <summary>Null for "auto" (empty); the parsed gender otherwise. Call after <see cref="Validate"/>.</summary>
    public GrammaticalGender? ParsedGender() =>
        string.IsNullOrWhiteSpace(Gender) ? null : EnumText<GrammaticalGender>.Parse(Gender.Trim().ToLowerInvariant());

    /// <summary>
    /// Ids as typed or pasted: commas (Latin or Arabic), new lines, spaces or '|' between them. Arabic-Indic and Persian
    /// digits become Latin ones (an Arabic keyboard types them; Meta's ids are Latin digits).
    /// </summary>
    public List<string> ParsedMediaIds() =>
        Split(Digits.Fold(MediaIds, separators: false),
            ',', '،', '\n', '\r', ' ', '\t', '|');

    public static List<string> Split(string? s, params char[] separators) =>
        (s ?? "").Split(separators.Length == 0 ? [',', '،'] : separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    /// <summary>Longest product name, in either language (a pasted paragraph would break the catalog's table).</summary>
    public const int MaxNameLength = 200;

    /// <summary>Null when valid, otherwise why not (SKU and names are the merchant's own text, quoted back).</summary>
    public CatalogProblem? Validate()
    {
        if (string.IsNullOrWhiteSpace(Sku)) return CatalogProblem.Of("skuRequired");
        if (Sku.Trim().Length > 64) return CatalogProblem.Of("skuTooLong", 64);
        if (string.IsNullOrWhiteSpace(NameAr)) return CatalogProblem.Of("nameRequired");
        if (NameAr.Trim().Length > MaxNameLength || (NameEn?.Trim().Length ?? 0) > MaxNameLength) return CatalogProblem.Of("nameTooLong", MaxNameLength);
        if (PriceIqd < 0) return CatalogProblem.Of("priceNegative");
        if (Stock < 0) return CatalogProblem.Of("stockNegative");
        if (!string.IsNullOrWhiteSpace(Gender) && Gender.Trim().ToLowerInvariant() is not ("masculine" or "feminine"))
            return CatalogProblem.Of("gender");
        var media = ParsedMediaIds();
        if (media.Count > MaxMediaIds) return CatalogProblem.Of("tooManyMedia", MaxMediaIds);
        // Meta's ids are digits, sometimes page_post or with a colon; anything else is a pasted URL or a typo.
        if (media.FirstOrDefault(m => m.Length > MaxMediaIdLength || !m.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '.')) is { } bad)
            return CatalogProblem.Of("badMedia", bad.Length > 40 ? bad[..40] + "…" : bad);
        return null;
    }
}

public sealed class CatalogService(MerchantData data, ICurrentMerchant current, TimeProvider clock)
{
    public Task<List<Product>> SearchAsync(string? term, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            term = TextSanitizer.Clean(term); // a NUL in a query parameter is an error in Postgres
            var q = db.Products.AsNoTracking().Where(p => p.MerchantId == merchantId && p.DeletedAt == null);
            if (!string.IsNullOrWhiteSpace(term))
            {
                var like = $"%{term.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
                // A pasted post/story/ad id finds the product it is linked to (exact match, the GIN index on media_ids).
                var mediaId = term.Trim();
                q = q.Where(p => EF.Functions.ILike(p.Sku, like) || EF.Functions.ILike(p.NameAr, like) || EF.Functions.ILike(p.NameEn ?? "", like)
                    || p.MediaIds.Contains(mediaId));
            }
            return await q.OrderBy(p => p.Sku).Take(500).ToListAsync(ct);
        }, ct);

    /// <returns>Null on success, else the reason.</returns>
    public Task<CatalogProblem?> SaveAsync(ProductForm form, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            if (form.Validate() is { } error) return error;
            var now = clock.GetUtcNow();
            var sku = form.Sku.Trim();
            Product? product = form.Id is { } id ? await db.Products.FirstOrDefaultAsync(p => p.Id == id && p.MerchantId == merchantId && p.DeletedAt == null, ct) : null;
            if (form.Id is not null && product is null) return CatalogProblem.Of("notFound");
            var holder = await db.Products.FirstOrDefaultAsync(p => p.MerchantId == merchantId && p.Sku == sku && p.Id != (form.Id ?? Guid.Empty), ct);
            // A new product with the SKU of a deleted one brings that one back (same id: its orders and Meta item stay linked).
            if (holder is { DeletedAt: not null } && product is null) (product, holder) = (holder, null);
            if (holder is not null) return CatalogProblem.Of("skuExists", sku);
            var created = product is null || product.DeletedAt is not null;
            if (product is not null) product.DeletedAt = null;
            product ??= db.Products.Add(new Product { Id = Guid.CreateVersion7(), MerchantId = merchantId, CreatedAt = now }).Entity;
            product.Sku = sku;
            product.NameAr = form.NameAr.Trim();
            product.NameEn = string.IsNullOrWhiteSpace(form.NameEn) ? null : form.NameEn.Trim();
            product.Aliases = ProductForm.Split(form.Aliases);
            product.PriceIqd = form.PriceIqd;
            product.Stock = form.Stock;
            product.Variants = new ProductVariants { Sizes = ProductForm.Split(form.Sizes), Colors = ProductForm.Split(form.Colors) };
            product.Active = form.Active;
            product.GrammaticalGender = form.ParsedGender();
            product.MediaIds = form.ParsedMediaIds();
            product.UpdatedAt = now;
            new AuditLog(db).Add(merchantId, current.UserId, created ? AuditActions.ProductCreated : AuditActions.ProductUpdated,
                "product", product.Id.ToString(), new { sku });
            await db.SaveChangesAsync(ct);
            form.Id = product.Id;
            return (CatalogProblem?)null;
        }, ct);

    /// <summary>
    /// Soft delete: the product is hidden from the catalog page, matching, the assistant and the staff bot, and removed
    /// from the Meta catalog by the sync (the products trigger marks it); orders keep their lines. False: not found.
    /// </summary>
    public Task<bool> DeleteAsync(Guid productId, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId && p.MerchantId == merchantId && p.DeletedAt == null, ct);
            if (product is null) return false;
            product.DeletedAt = clock.GetUtcNow();
            product.Active = false;
            product.UpdatedAt = product.DeletedAt.Value;
            new AuditLog(db).Add(merchantId, current.UserId, AuditActions.ProductDeleted, "product", product.Id.ToString(), new { sku = product.Sku });
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
}
