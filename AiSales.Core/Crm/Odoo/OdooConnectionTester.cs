using System.Text.Json.Nodes;

namespace AiSales.Core.Crm.Odoo;

/// <summary>The outcome of "test connection": Ok with the version and crm.stage list, or the first problem met.</summary>
public sealed record OdooTestResult(OdooProblem? Problem, string? Detail, string? Version, IReadOnlyList<OdooStage> Stages)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Checks a connection in the order a merchant can fix it: is it an Odoo (common.version), do the database, user and
/// key open it (common.authenticate: false means a bad login or key), is CRM installed (crm.stage readable). The
/// stages read are what the stage map offers.
/// </summary>
public sealed class OdooConnectionTester(OdooRpcClient rpc)
{
    public async Task<OdooTestResult> TestAsync(OdooEndpoint endpoint, CancellationToken ct)
    {
        if (!Uri.TryCreate(OdooRpcClient.NormalizeUrl(endpoint.Url), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return new(OdooProblem.Unreachable, "The address must start with https:// (or http://).", null, []);
        string? version = null;
        try
        {
            version = await rpc.VersionAsync(endpoint, ct);
            var uid = await rpc.AuthenticateAsync(endpoint, ct);
            var stages = await ReadStagesAsync(rpc, endpoint, uid, ct);
            return new(null, null, version, stages);
        }
        catch (OdooException e)
        {
            return new(e.Problem, e.Message, version, []);
        }
    }

    /// <summary>crm.stage ordered as Odoo's pipeline shows them.</summary>
    public static async Task<IReadOnlyList<OdooStage>> ReadStagesAsync(OdooRpcClient rpc, OdooEndpoint endpoint, long uid, CancellationToken ct)
    {
        var result = await rpc.ExecuteAsync(endpoint, uid, "crm.stage", "search_read", new JsonArray(new JsonArray()),
            new JsonObject { ["fields"] = new JsonArray("name", "is_won", "sequence"), ["order"] = "sequence, id" }, ct);
        return (result as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(r => new OdooStage(OdooValues.Id(r["id"]) ?? 0, OdooValues.Text(r["name"]) ?? $"#{r["id"]}", r["is_won"] is JsonValue w && w.TryGetValue<bool>(out var b) && b))
            .Where(s => s.Id > 0)
            .ToList();
    }
}
