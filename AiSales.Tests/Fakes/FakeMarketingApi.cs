using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>
/// Meta's Marketing API for one or more ad accounts, in the wire format the docs and fixtures show (fixtures/crm §3):
/// GET /{version}/act_{id}?fields=… answers {"name","currency","account_status","id":"act_…"}; GET …/campaigns and
/// GET …/insights answer {"data":[…],"paging":{"cursors":{"before","after"},"next":…}} with <see cref="PageSize"/> rows a
/// page (next only while more remain, as Graph does), insights filtered by time_range's since/until on date_start.
/// Rows are stored as raw JSON so a test can send metrics as strings ("spend": "12.34") or numbers. A token other than
/// <see cref="ValidToken"/> gets Graph's 190 OAuthException envelope (HTTP 400); faults (FailNext/AddRule) answer first.
/// Every answer carries <see cref="UsageHeaders"/>.
/// </summary>
public sealed class FakeMarketingApi : FakeHttpService
{
    public const string ValidToken = "EAAG-fake-marketing-token";

    public sealed record Account(string Name, string Currency, int Status);

    public ConcurrentDictionary<string, Account> Accounts { get; } = new();
    public ConcurrentDictionary<string, List<string>> Campaigns { get; } = new();
    public ConcurrentDictionary<string, List<string>> Insights { get; } = new();
    public ConcurrentDictionary<string, string> UsageHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int PageSize { get; set; } = 2;

    public static async Task<FakeMarketingApi> StartNewAsync()
    {
        var fake = new FakeMarketingApi();
        await fake.StartAsync();
        return fake;
    }

    /// <summary>A fixture body from fixtures/crm (copied beside the test assembly), e.g. meta_graph_error_32_page_request_limit_metadocs.json.</summary>
    public static string CrmFixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "crm", name));

    /// <summary>An insights row at level=ad, time_increment=1; metrics as strings (the documented form) unless <paramref name="numbers"/>.</summary>
    public static string Row(string campaignId, string adId, string day, decimal spend, long impressions, long clicks, int leads = 0, bool numbers = false)
    {
        string N(object v) => numbers ? Convert.ToString(v, CultureInfo.InvariantCulture)! : $"\"{Convert.ToString(v, CultureInfo.InvariantCulture)}\"";
        var actions = leads > 0
            ? $", \"actions\": [{{\"action_type\": \"link_click\", \"value\": {N(clicks)}}}, {{\"action_type\": \"onsite_conversion.lead_grouped\", \"value\": {N(leads)}}}, {{\"action_type\": \"lead\", \"value\": {N(leads)}}}]"
            : "";
        return $$"""
            {"campaign_id": "{{campaignId}}", "campaign_name": "Campaign {{campaignId[^3..]}}", "adset_id": "{{campaignId}}9", "ad_id": "{{adId}}",
             "ad_name": "Ad {{adId[^3..]}}", "spend": {{N(spend)}}, "impressions": {{N(impressions)}}, "clicks": {{N(clicks)}}{{actions}},
             "date_start": "{{day}}", "date_stop": "{{day}}"}
            """;
    }

    public static string Campaign(string id, string name, string status = "ACTIVE", string objective = "OUTCOME_LEADS") =>
        JsonSerializer.Serialize(new { id, name, status, objective });

    protected override void Map(WebApplication app)
    {
        app.MapGet("/{version}/{account}", async (HttpContext context, string account) =>
        {
            if (await GuardAsync(context) is not { } id) return;
            if (!Accounts.TryGetValue(id, out var a)) { await NotFoundAsync(context, account); return; }
            await context.Response.WriteAsJsonAsync(new { name = a.Name, currency = a.Currency, account_status = a.Status, id = account });
        });
        app.MapGet("/{version}/{account}/campaigns", async (HttpContext context) =>
        {
            if (await GuardAsync(context) is not { } id) return;
            await PageAsync(context, Campaigns.GetValueOrDefault(id) ?? []);
        });
        app.MapGet("/{version}/{account}/insights", async (HttpContext context) =>
        {
            if (await GuardAsync(context) is not { } id) return;
            var rows = Insights.GetValueOrDefault(id) ?? [];
            if (context.Request.Query["time_range"].ToString() is { Length: > 0 } range)
            {
                var r = JsonDocument.Parse(range).RootElement;
                var (since, until) = (r.GetProperty("since").GetString()!, r.GetProperty("until").GetString()!);
                rows = [.. rows.Where(x => JsonDocument.Parse(x).RootElement.GetProperty("date_start").GetString() is { } d
                    && string.CompareOrdinal(d, since) >= 0 && string.CompareOrdinal(d, until) <= 0)];
            }
            await PageAsync(context, rows);
        });
    }

    /// <summary>Records, applies faults, checks the token; the ad account's digits when the call may go on.</summary>
    private async Task<string?> GuardAsync(HttpContext context)
    {
        foreach (var (k, v) in UsageHeaders) context.Response.Headers[k] = v;
        if (await RecordAndApplyFaultsAsync(context) is not { } request) return null;
        if (request.BearerToken != ValidToken)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new
            {
                error = new
                {
                    message = "Error validating access token: Session has expired on Sunday, 06-Dec-26 10:00:00 PST. The current time is Monday, 07-Dec-26 01:00:00 PST.",
                    type = "OAuthException", code = 190, error_subcode = 463, fbtrace_id = "AFakeTraceId1",
                },
            });
            return null;
        }
        var account = context.Request.RouteValues["account"]?.ToString() ?? "";
        return account.StartsWith("act_", StringComparison.Ordinal) ? account[4..] : account;
    }

    private static Task NotFoundAsync(HttpContext context, string account)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(new
        {
            error = new
            {
                message = $"Unsupported get request. Object with ID '{account}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
                type = "GraphMethodException", code = 100, error_subcode = 33, fbtrace_id = "AFakeTraceId2",
            },
        });
    }

    /// <summary>Cursor paging: after = base64 of the next row's index; "next" only when rows remain (the last page has none).</summary>
    private async Task PageAsync(HttpContext context, List<string> rows)
    {
        var start = context.Request.Query["after"].ToString() is { Length: > 0 } after
            ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(after)), CultureInfo.InvariantCulture) : 0;
        var page = rows.Skip(start).Take(PageSize).ToList();
        var end = start + page.Count;
        var paging = new JsonObject
        {
            ["cursors"] = new JsonObject
            {
                ["before"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(start.ToString(CultureInfo.InvariantCulture))),
                ["after"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(end.ToString(CultureInfo.InvariantCulture))),
            },
        };
        if (end < rows.Count)
            paging["next"] = $"{BaseUrl}{context.Request.Path}?after={Uri.EscapeDataString(paging["cursors"]!["after"]!.GetValue<string>())}";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"data\": [{string.Join(",", page)}], \"paging\": {paging.ToJsonString()}}}");
    }
}
