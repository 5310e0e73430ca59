using System.Globalization;
using System.Text.Json;

namespace AiSales.Core.Campaigns;

/// <summary>
/// Reading Marketing API JSON the way Meta actually sends it: metrics are numeric strings ("spend": "5339.5") in the
/// documented responses but JSON numbers in some examples (FACTS §B1), ids are strings that may pass 2^53 (a number id
/// is kept as its raw digits, never read through a double).
/// </summary>
public static class MetaJson
{
    public static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? Id(v) : null;

    /// <summary>A string as is, a number as its digits; null for anything else (false, null, objects).</summary>
    public static string? Id(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    };

    public static decimal Decimal(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
        JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0m,
    };

    public static long Long(JsonElement v) => (long)decimal.Truncate(Decimal(v));

    public static decimal Decimal(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? Decimal(v) : 0m;

    public static long Long(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? Long(v) : 0L;

    /// <summary>paging.cursors.after, but only when paging.next says there is another page.</summary>
    public static string? NextCursor(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("paging", out var paging) || paging.ValueKind != JsonValueKind.Object)
            return null;
        if (!paging.TryGetProperty("next", out var next) || next.ValueKind != JsonValueKind.String)
            return null;
        return paging.TryGetProperty("cursors", out var cursors) ? Text(cursors, "after") : null;
    }
}
