using System.Text;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Ingest;
using AiSales.Tests.Sending;

namespace AiSales.Tests.LeadAds;

/// <summary>
/// Both services in-process on one fresh database, as in production: the Webhooks service takes signed POSTs on
/// /webhooks/messenger, the Worker (EndToEndHost: its real Program, consuming every queue) runs the pipeline and the
/// lead reads against the Graph fake. Lead reads retry after 0.2 s instead of 30 s.
/// </summary>
public sealed class LeadAdsHost : IAsyncLifetime
{
    public const string PageToken = EndToEndHost.PageToken;

    private WebhooksAppFactory? _webhooks;
    private HttpClient? _http;

    public EndToEndHost Worker { get; } = new(new Dictionary<string, string?>
    {
        ["LeadAds:RetryBaseDelay"] = "00:00:00.200",
        ["LeadAds:MaxRetryDelay"] = "00:00:01",
        ["LeadAds:MaxAttempts"] = "4",
    });

    public FakeGraphApi Graph => Worker.Graph;

    public async Task InitializeAsync()
    {
        await Worker.InitializeAsync();
        _webhooks = new WebhooksAppFactory(Worker.ConnectionString, Worker.RedisConnectionString);
        _http = _webhooks.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_webhooks is not null) await _webhooks.DisposeAsync();
        await ((IAsyncLifetime)Worker).DisposeAsync();
    }

    /// <summary>Connects a Facebook Page (Messenger account) with an encrypted token; returns its channel account id.</summary>
    public Task<Guid> AddPageAsync(string pageId, string token = PageToken) => Worker.ScalarAsync<Guid>("""
        INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, access_token_encrypted)
        VALUES ($1, 'messenger', 'meta', $2, $3) RETURNING id
        """, Worker.MerchantId, pageId, Worker.Protect(token));

    /// <summary>POSTs the raw bytes, signed as Meta signs them, to the real endpoint; waits until the Worker processed the delivery.</summary>
    public async Task PostAsync(byte[] body)
    {
        var before = await Worker.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries");
        using var response = await _http!.SendAsync(WebhooksAppFactory.SignedPost("messenger", body));
        response.EnsureSuccessStatusCode();
        await Eventually.UntilAsync(async () =>
            await Worker.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE status = 'processed'") > before, "the delivery processed");
    }

    public Task PostAsync(string json) => PostAsync(Encoding.UTF8.GetBytes(json));

    /// <summary>Waits until no lead submission is pending any more (read, failed or a test lead).</summary>
    public Task WaitForLeadsSettledAsync() => Eventually.UntilAsync(async () =>
        await Worker.ScalarAsync<long>("SELECT count(*) FROM lead_form_submissions WHERE status = 'pending'") == 0, "every lead read settled");

    public Task<List<Dictionary<string, object?>>> SubmissionsAsync() => Worker.RowsAsync("""
        SELECT s.leadgen_id, s.status, s.attempts, s.answers::text AS answers, s.contact_id, s.last_error_code, s.last_error,
               s.campaign_id, s.ad_id
        FROM lead_form_submissions s ORDER BY s.leadgen_id
        """);

    public Task<List<Dictionary<string, object?>>> LeadContactsAsync() => Worker.RowsAsync("""
        SELECT k.id, k.external_id, a.platform, k.display_name, k.phone, k.stage, k.score, k.first_touch::text AS first_touch,
               k.first_touch->>'source' AS source, k.first_touch->>'campaign_id' AS campaign_id, k.first_touch->>'ad_id' AS ad_id,
               k.first_touch->>'adset_id' AS adset_id, k.first_touch->>'form_id' AS form_id, k.first_touch->>'leadgen_id' AS leadgen_id
        FROM contacts k JOIN channel_accounts a ON a.id = k.channel_account_id
        WHERE k.first_touch->>'source' = 'lead_form' ORDER BY k.first_touch->>'leadgen_id'
        """);

    /// <summary>A leadgen delivery as real ones look (string ids, seconds).</summary>
    public static string Leadgen(string pageId, string leadgenId, string formId, string? adId = null)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var ad = adId is null ? "" : $"\"ad_id\": \"{adId}\", \"adgroup_id\": \"{adId}\", ";
        return $$"""
            {"entry": [{"id": "{{pageId}}", "time": {{t}}, "changes": [{"value": {{{ad}}"created_time": {{t}}, "leadgen_id": "{{leadgenId}}", "page_id": "{{pageId}}", "form_id": "{{formId}}"}, "field": "leadgen"}]}], "object": "page"}
            """;
    }
}
