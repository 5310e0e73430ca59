using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiSales.Core.Sending.Templates;

/// <summary>
/// Reads Meta's template listing (<c>GET /{waba-id}/message_templates</c>): each template's name, language, status,
/// category, and its BODY component's text, whose placeholders are <c>{{1}}</c>, <c>{{2}}</c>… (positional) or
/// <c>{{customer_name}}</c> (named, <c>parameter_format: "NAMED"</c>). Header, footer and buttons carry no values we fill:
/// a template with a variable header or a URL button parameter is listed but cannot be mapped (Meta would refuse the send
/// with 132000 for the missing parameter).
/// </summary>
public static partial class TemplateBody
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>One listed template (not yet tied to a merchant).</summary>
    public sealed record Listed(string? MetaId, string Name, string Language, string Status, string? Category, string? Body,
        IReadOnlyList<string> Parameters, bool Named, bool NeedsOtherValues);

    /// <summary>Parses one page of the listing; <paramref name="next"/> is Meta's paging.next URL when there is more.</summary>
    public static List<Listed> ParsePage(string json, out string? next)
    {
        next = null;
        var list = new List<Listed>();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("paging", out var paging) && paging.ValueKind == JsonValueKind.Object
            && paging.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String)
            next = n.GetString();
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) return list;
        foreach (var t in data.EnumerateArray())
        {
            if (Text(t, "name") is not { Length: > 0 } name || Text(t, "language") is not { Length: > 0 } language) continue;
            string? body = null;
            var other = false;
            if (t.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array)
            {
                foreach (var c in components.EnumerateArray())
                {
                    var type = Text(c, "type")?.ToUpperInvariant();
                    if (type == "BODY") body = Text(c, "text");
                    else if (type == "HEADER" && Text(c, "format")?.ToUpperInvariant() is { } f && (f != "TEXT" || Placeholders(Text(c, "text")).Count > 0)) other = true;
                    else if (type == "BUTTONS" && c.TryGetProperty("buttons", out var buttons) && buttons.ValueKind == JsonValueKind.Array
                        && buttons.EnumerateArray().Any(b => Placeholders(Text(b, "url")).Count > 0 || Text(b, "type")?.ToUpperInvariant() == "OTP"))
                        other = true;
                }
            }
            list.Add(new Listed(Text(t, "id"), name, language, Text(t, "status") ?? "UNKNOWN", Text(t, "category"), body,
                Placeholders(body), string.Equals(Text(t, "parameter_format"), "NAMED", StringComparison.OrdinalIgnoreCase), other));
        }
        return list;
    }

    /// <summary>The distinct placeholders of a text in order of first appearance.</summary>
    public static List<string> Placeholders(string? text) =>
        text is null ? [] : Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The text the customer reads: every placeholder replaced by its value.</summary>
    public static string Render(string body, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(body, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    private static string? Text(JsonElement e, string property) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
