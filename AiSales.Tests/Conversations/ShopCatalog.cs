using System.Text.Json;
using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Conversations;

public sealed record ShopProduct(Guid Id, string Sku, string NameAr, string? NameEn, IReadOnlyList<string> Aliases, long PriceIqd, int Stock,
    IReadOnlyList<string> Sizes, IReadOnlyList<string> Colours);

/// <summary>
/// What the checks know about the shop: its products as seeded (read back from the database, so the checks follow the
/// catalog rather than a copy of it) and its delivery fees. Also the amounts a reply may contain.
/// </summary>
public sealed class ShopCatalog(IReadOnlyList<ShopProduct> products, IReadOnlyDictionary<string, long> fees, long defaultFee)
{
    /// <summary>The demo shop's delivery terms (DeliveryOptions defaults): Baghdad 5,000 IQD, everywhere else 8,000.</summary>
    public static readonly IReadOnlyDictionary<string, long> DemoFees = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase) { ["Baghdad"] = 5_000 };
    public const long DemoDefaultFee = 8_000;
    public const int MaxQuantity = 10;

    public IReadOnlyList<ShopProduct> Products { get; } = products;

    public ShopProduct this[string sku] => Products.FirstOrDefault(p => string.Equals(p.Sku, sku, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No product {sku} in the shop's catalog");

    public bool Has(string sku) => Products.Any(p => string.Equals(p.Sku, sku, StringComparison.OrdinalIgnoreCase));

    public long FeeFor(string governorate) => fees.TryGetValue(governorate, out var fee) ? fee : defaultFee;

    public IEnumerable<long> AllFees => fees.Values.Append(defaultFee).Distinct();

    public static async Task<ShopCatalog> LoadAsync(string connectionString, Guid merchantId)
    {
        var rows = await TestSql.RowsAsync(connectionString,
            "SELECT id, sku, name_ar, name_en, aliases, price_iqd, stock, variants::text AS variants FROM products WHERE merchant_id = $1 AND active ORDER BY sku",
            merchantId);
        return new ShopCatalog([.. rows.Select(r =>
        {
            using var variants = JsonDocument.Parse((string)r["variants"]!);
            return new ShopProduct((Guid)r["id"]!, (string)r["sku"]!, (string)r["name_ar"]!, r["name_en"] as string, (string[])r["aliases"]!,
                (long)r["price_iqd"]!, (int)r["stock"]!, Strings(variants.RootElement, "sizes"), Strings(variants.RootElement, "colors"));
        })], DemoFees, DemoDefaultFee);
    }

    private static string[] Strings(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(e => e.GetString()!)]
            : [];

    /// <summary>
    /// Amounts a reply in <paramref name="dialogue"/> may contain: any catalog price, any delivery fee, any quantity ×
    /// price (up to <see cref="MaxQuantity"/>); and, built from the products the dialogue is about, totals of one or two
    /// line totals with or without a delivery fee.
    /// </summary>
    public HashSet<long> AllowedAmounts(IEnumerable<string> dialogueSkus)
    {
        var allowed = new HashSet<long>(AllFees);
        foreach (var p in Products)
            for (var q = 1; q <= MaxQuantity; q++) allowed.Add(p.PriceIqd * q);
        var lines = dialogueSkus.Where(Has).Select(s => this[s].PriceIqd)
            .SelectMany(price => Enumerable.Range(1, MaxQuantity).Select(q => price * q)).Distinct().ToList();
        var sums = new HashSet<long>(lines);
        foreach (var a in lines)
            foreach (var b in lines)
                sums.Add(a + b);
        foreach (var sum in sums)
        {
            allowed.Add(sum);
            foreach (var fee in AllFees) allowed.Add(sum + fee);
        }
        return allowed;
    }
}
