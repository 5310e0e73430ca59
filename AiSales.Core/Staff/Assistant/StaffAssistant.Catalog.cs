using AiSales.Core.Persistence.Entities;
using AiSales.Core.Shop;
using AiSales.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Staff.Assistant;

public sealed partial class StaffAssistant
{
    private async Task<Reply> ProductShowAsync(StaffContext c, string query, CancellationToken ct)
    {
        var found = await FindProductsAsync(c, query, ct);
        if (found.Count == 0) return new Reply(NoSuchProduct(c, query));
        if (found.Count > 1 && found.Count <= 5)
            return new Reply(string.Join("\n", found.Select(p => $"• {Name(c, p)} ({p.Sku}) · {c.Money(p.PriceIqd)} · {c.T("المخزون", "stock")} {p.Stock}")));
        if (found.Count > 5) return new Reply(TooMany(c, query, found));
        var one = found[0];
        var variants = string.Join(" / ", one.Variants.Sizes.Concat(one.Variants.Colors));
        return new Reply(c.T(
            $"{one.NameAr} ({one.Sku})\nالسعر: {c.Money(one.PriceIqd)}\nالمخزون: {one.Stock}{(one.Active ? "" : " · غير معروض")}{(variants.Length > 0 ? $"\nالخيارات: {variants}" : "")}",
            $"{one.NameEn ?? one.NameAr} ({one.Sku})\nPrice: {c.Money(one.PriceIqd)}\nStock: {one.Stock}{(one.Active ? "" : " · hidden")}{(variants.Length > 0 ? $"\nOptions: {variants}" : "")}"));
    }

    private async Task<Reply> ProductSetAsync(StaffContext c, string query, long? price, int? stock, bool confirmed, CancellationToken ct)
    {
        var found = await FindProductsAsync(c, query, ct);
        if (found.Count == 0) return new Reply(NoSuchProduct(c, query));
        if (found.Count > 1) return new Reply(TooMany(c, query, found));
        var p = found[0];
        if (!confirmed)
            return new Reply(price is { } newPrice
                ? c.T($"راح أغير سعر {Name(c, p)} ({p.Sku}) من {c.Money(p.PriceIqd)} إلى {c.Money(newPrice)}.",
                    $"This changes the price of {Name(c, p)} ({p.Sku}) from {c.Money(p.PriceIqd)} to {c.Money(newPrice)}.")
                : c.T($"راح أغير مخزون {Name(c, p)} ({p.Sku}) من {p.Stock} إلى {stock}.",
                    $"This changes the stock of {Name(c, p)} ({p.Sku}) from {p.Stock} to {stock}."), NeedsConfirmation: true);
        var result = price is { } value
            ? await products.SetPriceAsync(c.Actor, p.Id, value, ct)
            : await products.SetStockAsync(c.Actor, p.Id, stock!.Value, ct);
        return new Reply(result switch
        {
            ProductEdit.Changed or ProductEdit.Unchanged => price is { } v
                ? c.T($"تم ✅ سعر {Name(c, p)} صار {c.Money(v)}.", $"Done ✅ {Name(c, p)} now costs {c.Money(v)}.")
                : c.T($"تم ✅ مخزون {Name(c, p)} صار {stock}.", $"Done ✅ {Name(c, p)} stock is now {stock}."),
            ProductEdit.Invalid => c.T("الرقم مو منطقي، تأكد منه.", "That number doesn't look right."),
            _ => NoSuchProduct(c, query),
        });
    }

    /// <summary>
    /// The products a member means: an exact SKU first, then names/aliases (Arabic or English) holding every word they
    /// typed, folded like customer messages so "دشداشه" finds "دشداشة".
    /// </summary>
    private async Task<IReadOnlyList<Product>> FindProductsAsync(StaffContext c, string query, CancellationToken ct)
    {
        var all = await data.RunForAsync(c.MerchantId, (db, m) => db.Products.AsNoTracking().Where(p => p.MerchantId == m && p.DeletedAt == null).ToListAsync(ct), ct);
        var sku = all.Where(p => string.Equals(p.Sku, query.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (sku.Count > 0) return sku;
        var words = ArabicNormalizer.Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return [];
        bool Holds(Product p)
        {
            var names = new[] { p.NameAr, p.NameEn ?? "", p.Sku }.Concat(p.Aliases).Select(ArabicNormalizer.Normalize).ToList();
            return words.All(w => names.Any(n => n.Contains(w, StringComparison.Ordinal)
                || ArabicNormalizer.WithoutPrefixes(w).Any(v => v.Length >= 3 && n.Contains(v, StringComparison.Ordinal))));
        }
        return [.. all.Where(Holds).OrderByDescending(p => p.Active).ThenBy(p => p.NameAr)];
    }

    private static string Name(StaffContext c, Product p) => c.English ? p.NameEn ?? p.NameAr : p.NameAr;

    private static string NoSuchProduct(StaffContext c, string query) =>
        c.T($"ما لكيت منتج اسمه «{query}». جرب الـ SKU أو اسم ثاني.", $"No product matches \"{query}\". Try its SKU or another name.");

    private static string TooMany(StaffContext c, string query, IReadOnlyList<Product> found) =>
        c.T($"أكو {found.Count} منتجات تطابق «{query}»، حدد أكثر (أو اكتب الـ SKU):\n", $"{found.Count} products match \"{query}\"; be more specific (or use the SKU):\n")
        + string.Join("\n", found.Take(8).Select(p => $"• {Name(c, p)} ({p.Sku})"));
}
