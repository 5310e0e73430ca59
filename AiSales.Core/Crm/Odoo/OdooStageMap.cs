using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiSales.Core.Crm.Odoo;

/// <summary>One crm.stage as read from Odoo.</summary>
public sealed record OdooStage(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("is_won")] bool IsWon);

/// <summary>
/// Which Odoo stage each AiSales stage goes to (odoo_connections.stage_map, {"won": 4}). A stage left out is not moved
/// in Odoo. Back from Odoo, a stage id maps to the AiSales stage(s) pointing at it; when several do, the lead keeps its
/// stage if it is one of them, else takes the first in pipeline order.
/// </summary>
public sealed class OdooStageMap
{
    /// <summary>The AiSales pipeline, in order (contacts.stage CHECK).</summary>
    public static readonly IReadOnlyList<string> AiSalesStages = ["new", "engaged", "interested", "ordering", "won", "lost"];

    private readonly Dictionary<string, long> _map;

    public OdooStageMap(IReadOnlyDictionary<string, long> map) =>
        _map = map.Where(kv => AiSalesStages.Contains(kv.Key) && kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value);

    public static OdooStageMap Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return new(new Dictionary<string, long>());
        try
        {
            return new(JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? []);
        }
        catch (JsonException)
        {
            return new(new Dictionary<string, long>());
        }
    }

    public string ToJson() => JsonSerializer.Serialize(_map);

    public IReadOnlyDictionary<string, long> Entries => _map;

    public long? OdooStageFor(string aiSalesStage) => _map.TryGetValue(aiSalesStage, out var id) ? id : null;

    public string? AiSalesStageFor(long odooStageId, string currentStage)
    {
        var candidates = AiSalesStages.Where(s => _map.TryGetValue(s, out var id) && id == odooStageId).ToList();
        if (candidates.Count == 0) return null;
        return candidates.Contains(currentStage) ? currentStage : candidates[0];
    }

    public static IReadOnlyList<OdooStage> ParseStages(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<OdooStage>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
