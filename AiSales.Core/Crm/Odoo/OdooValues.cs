using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiSales.Core.Crm.Odoo;

/// <summary>
/// Reading Odoo's values the way they really arrive (FACTS §C4, §D1): empty is <c>false</c> (never null or ""), a
/// many2one is <c>[id, "name"]</c> from read/search_read but a bare int in a webhook payload, ids may come as strings.
/// </summary>
public static class OdooValues
{
    /// <summary>A record id from an int, a numeric string, or a many2one pair; null for false/0/absent.</summary>
    public static long? Id(JsonNode? node) => node switch
    {
        JsonArray { Count: > 0 } pair => Id(pair[0]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) => l > 0 ? l : null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d > 0 => (long)d,
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && long.TryParse(v.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) => s > 0 ? s : null,
        _ => null,
    };

    /// <summary>The display name of a many2one pair; null for a bare id or false.</summary>
    public static string? Many2OneName(JsonNode? node) => node is JsonArray { Count: > 1 } pair ? Text(pair[1]) : null;

    /// <summary>A char value; null for false/null/"".</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s ? s : null;

    /// <summary>A float/monetary value from a number or numeric string; null for false/absent.</summary>
    public static decimal? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var m) => m,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) => (decimal)d,
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };

    /// <summary>The first row of a search_read/read result, or null when there is none.</summary>
    public static JsonObject? FirstRow(JsonNode? result) => result is JsonArray { Count: > 0 } rows ? rows[0] as JsonObject : null;

    /// <summary>A search domain of one condition: [[field, "=", value]].</summary>
    public static JsonArray Domain(string field, string op, JsonNode? value) => new(new JsonArray(field, op, value));
}
