using System.Text.Json;
using AiSales.Core.Inbound.Meta;

namespace AiSales.Core.LeadAds;

/// <summary>
/// A lead as Graph returns it (GET /{leadgen_id}): ids as strings whatever JSON type Meta used, <c>created_time</c> as
/// ISO-8601 with a "+0000" offset, the answers in <c>field_data[{name, values[]}]</c>. <c>campaign_id</c>, <c>adset_id</c>
/// and <c>ad_id</c> are missing when the token has no ad-account access or the lead is organic, so all are optional.
/// </summary>
public sealed record LeadRecord(
    string? Id,
    DateTimeOffset? CreatedTime,
    string? AdId,
    string? AdsetId,
    string? CampaignId,
    string? FormId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Answers)
{
    /// <summary>Null when the body is not a lead object (not JSON, not an object, or an error envelope).</summary>
    public static LeadRecord? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.Has("error")) return null;
            return new LeadRecord(root.Str("id"), root.Time("created_time")?.ToUniversalTime(), root.Str("ad_id"), root.Str("adset_id"),
                root.Str("campaign_id"), root.Str("form_id"), ReadAnswers(root));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Answers by question key, in the form's order. Keys are the form's own (custom questions can be any Unicode text,
    /// or the advertiser's custom field ids), so they are kept as given; a key seen twice gets its values merged.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadAnswers(JsonElement root)
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var field in root.Arr("field_data"))
        {
            if (field.Str("name") is not { } name) continue;
            var values = new List<string>();
            // values is always an array in Meta's docs; a lone string is accepted too.
            if (field.Prop("values") is { ValueKind: JsonValueKind.Array } array)
                values.AddRange(array.EnumerateArray().Select(v => v.AsText()).OfType<string>());
            else if (field.Str("values") is { } single)
                values.Add(single);
            answers[name] = answers.TryGetValue(name, out var earlier) ? [.. earlier, .. values] : values;
        }
        return answers;
    }
}
