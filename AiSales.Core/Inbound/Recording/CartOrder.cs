using System.Globalization;
using System.Text.Json;

namespace AiSales.Core.Inbound.Recording;

/// <summary>One line of a WhatsApp cart: the catalog's retailer id (our SKU), how many, and the price the cart showed.</summary>
public sealed record CartOrderItem(string RetailerId, int Quantity, decimal? ItemPrice, string? Currency);

/// <summary>
/// The product lines of a WhatsApp <c>order</c> message (a cart sent from the catalog). Meta documents
/// <c>item_price</c> as an integer but its example is 7.99, so it is read as a decimal, from a number or a string;
/// a line without a retailer id says nothing we can sell and is skipped; a missing or odd quantity counts as one.
/// </summary>
public static class CartOrder
{
    public static IReadOnlyList<CartOrderItem> Read(string orderJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(orderJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("product_items", out var items) || items.ValueKind != JsonValueKind.Array)
                return [];
            var lines = new List<CartOrderItem>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || Text(item, "product_retailer_id") is not { Length: > 0 } sku) continue;
                var quantity = Number(item, "quantity") is { } q && q >= 1 && q <= 1000 ? (int)q : 1;
                lines.Add(new CartOrderItem(sku.Trim(), quantity, Number(item, "item_price"), Text(item, "currency")?.Trim().ToUpperInvariant()));
            }
            return lines;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static decimal? Number(JsonElement item, string name) =>
        Text(item, name) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
