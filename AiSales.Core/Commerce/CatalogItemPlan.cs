using System.Globalization;
using System.Text.Json.Nodes;

namespace AiSales.Core.Commerce;

/// <summary>A product as the sync reads it at send time (null when the row is gone).</summary>
public sealed record CatalogProduct(Guid Id, string Sku, string NameAr, string? NameEn, string? Description, long PriceIqd, int Stock,
    string? ImageUrl, bool Active, bool Deleted);

/// <summary>What the shop puts on every item: Meta requires a link and a brand.</summary>
public sealed record CatalogShop(string ShopUrl, string Brand);

/// <summary>One entry of items_batch's <c>requests</c>: <c>{"method": "UPDATE", "data": {"id": "SKU", …}}</c>.</summary>
public sealed record CatalogRequest(string Method, string RetailerId, JsonObject Data)
{
    public JsonObject ToJson() => new() { ["method"] = Method, ["data"] = Data.DeepClone() };
}

/// <summary>Why a product is not sent (shown on the catalog page in plain words; docs/catalog-sync.md).</summary>
public static class CatalogSyncErrors
{
    /// <summary>Meta requires an image for every item; the product has none (or no public web address for it).</summary>
    public const string NoImage = "no_image";
    /// <summary>Meta refused the item (validation or the batch's status): its own words are kept beside.</summary>
    public const string Rejected = "meta_rejected";
    /// <summary>The token was refused: the owner must enter one again.</summary>
    public const string Token = "token";
    /// <summary>The token works but may not manage this catalog (catalog_management, or the catalog is another business's).</summary>
    public const string Permission = "permission";
    /// <summary>Meta does not know the catalog id.</summary>
    public const string CatalogMissing = "catalog_missing";
    /// <summary>Meta did not answer (or kept throttling) through every retry.</summary>
    public const string NoAnswer = "no_answer";

    public static readonly IReadOnlyList<string> All = [NoImage, Rejected, Token, Permission, CatalogMissing, NoAnswer];
}

/// <summary>
/// The desired state of one product in Meta's catalog, computed at send time (so a redelivered job sends the same
/// thing again: harmless). Fields per Meta's catalog item spec for items_batch (item_type PRODUCT_ITEM): id (our SKU, the
/// retailer id WhatsApp order messages carry back), title, description, availability ("in stock"/"out of stock"),
/// condition, price ("32000 IQD": amount and ISO 4217 code), link, image_link, brand. UPDATE creates an item Meta does
/// not have yet (allow_upsert), so a lost answer never makes a second item; an inactive product stays listed as out of
/// stock, a deleted one is DELETEd; a changed SKU deletes the item under the old one.
/// </summary>
public static class CatalogItemPlan
{
    public const int MaxTitle = 150;
    public const int MaxDescription = 5000;

    /// <summary>Either requests to send, or a reason not to (then nothing is sent), or neither (nothing to do: synced).</summary>
    public sealed record Plan(IReadOnlyList<CatalogRequest> Requests, string? SkipReason, string? SentRetailerId, string? Method);

    public static Plan For(CatalogProduct? product, string? remoteRetailerId, CatalogShop shop)
    {
        var requests = new List<CatalogRequest>();
        if (product is null || product.Deleted)
        {
            if (remoteRetailerId is null) return new([], null, null, null);
            requests.Add(Delete(remoteRetailerId));
            return new(requests, null, remoteRetailerId, "DELETE");
        }
        // Never in Meta and not for sale: there is nothing to show as out of stock.
        if (!product.Active && remoteRetailerId is null) return new([], null, null, null);
        if (!IsPublicUrl(product.ImageUrl)) return new([], CatalogSyncErrors.NoImage, null, null);
        if (remoteRetailerId is not null && !string.Equals(remoteRetailerId, product.Sku, StringComparison.Ordinal))
            requests.Add(Delete(remoteRetailerId));
        requests.Add(new CatalogRequest("UPDATE", product.Sku, Data(product, shop)));
        return new(requests, null, product.Sku, "UPDATE");
    }

    public static JsonObject Data(CatalogProduct p, CatalogShop shop) => new()
    {
        ["id"] = p.Sku,
        ["title"] = Cut(p.NameAr, MaxTitle),
        ["description"] = Cut(Description(p), MaxDescription),
        ["availability"] = p.Active && p.Stock > 0 ? "in stock" : "out of stock",
        ["condition"] = "new",
        ["price"] = Price(p.PriceIqd),
        ["link"] = shop.ShopUrl,
        ["image_link"] = p.ImageUrl,
        ["brand"] = Cut(shop.Brand, 100),
    };

    /// <summary>Meta's price text: the amount, a space, the ISO 4217 code. Dinars are whole: "32000 IQD".</summary>
    public static string Price(long priceIqd) => priceIqd.ToString(CultureInfo.InvariantCulture) + " IQD";

    public static bool IsPublicUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static CatalogRequest Delete(string retailerId) => new("DELETE", retailerId, new JsonObject { ["id"] = retailerId });

    // Meta requires a description; a product without one is described by its names.
    private static string Description(CatalogProduct p) =>
        !string.IsNullOrWhiteSpace(p.Description) ? p.Description.Trim()
        : p.NameEn is { Length: > 0 } en ? $"{p.NameAr} — {en}" : p.NameAr;

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
