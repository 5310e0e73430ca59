using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>
/// Lead ads on the Graph fake: GET /{version}/{leadgen_id}?fields=…field_data… answers a lead registered with
/// <see cref="AddLead"/> in Graph's shape (FACTS §A3/A5, fixture meta_lead_get_by_id_metadocs.json): ids as strings,
/// created_time ISO-8601 with "+0000", field_data[{name, values[]}], and only the requested fields that the lead has
/// (campaign_id/adset_id left out when the test says the token has no ad-account access). An id it does not know gets
/// Graph's real answer for one (the dashboard test button's 444… ids): HTTP 400, code 100, subcode 33.
/// </summary>
public sealed partial class FakeGraphApi
{
    private readonly ConcurrentDictionary<string, JsonObject> _leads = new(StringComparer.Ordinal);

    /// <summary>Requests that read a lead (GET with fields=…field_data…), in order.</summary>
    public IReadOnlyList<RecordedRequest> LeadReads =>
        [.. Requests.Where(r => r.Method == "GET" && Uri.UnescapeDataString(r.Query).Contains("field_data", StringComparison.Ordinal))];

    /// <summary>Registers a lead; <paramref name="answers"/> are field_data name → values in the form's order.</summary>
    public void AddLead(string leadgenId, IEnumerable<(string Name, string[] Values)> answers, string? formId = null, string? adId = null,
        string? adsetId = null, string? campaignId = null, DateTimeOffset? createdTime = null)
    {
        var lead = new JsonObject
        {
            ["created_time"] = (createdTime ?? DateTimeOffset.UtcNow).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", System.Globalization.CultureInfo.InvariantCulture),
            ["id"] = leadgenId,
        };
        if (adId is not null) lead["ad_id"] = adId;
        if (adsetId is not null) lead["adset_id"] = adsetId;
        if (campaignId is not null) lead["campaign_id"] = campaignId;
        if (formId is not null) lead["form_id"] = formId;
        lead["field_data"] = new JsonArray([.. answers.Select(a => (JsonNode)new JsonObject
        {
            ["name"] = a.Name,
            ["values"] = new JsonArray([.. a.Values.Select(v => (JsonNode?)JsonValue.Create(v))]),
        })]);
        _leads[leadgenId] = lead;
    }

    /// <summary>Registers a lead from a Graph response body as published (e.g. a fixture), under <paramref name="leadgenId"/>.</summary>
    public void AddLeadJson(string leadgenId, string json) => _leads[leadgenId] = JsonNode.Parse(json)!.AsObject();

    private static bool IsLeadRead(HttpContext context) =>
        context.Request.Query["fields"].ToString().Contains("field_data", StringComparison.Ordinal);

    private async Task AnswerLeadAsync(HttpContext context, string id)
    {
        if (!_leads.TryGetValue(id, out var lead))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new
            {
                error = new
                {
                    message = $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
                    type = "GraphMethodException",
                    code = 100,
                    error_subcode = 33,
                    fbtrace_id = "FAKEtrace",
                },
            });
            return;
        }
        // Graph returns only the fields asked for (and always id).
        var wanted = context.Request.Query["fields"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var answer = new JsonObject();
        foreach (var (key, value) in lead)
            if (key == "id" || wanted.Contains(key)) answer[key] = value?.DeepClone();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
