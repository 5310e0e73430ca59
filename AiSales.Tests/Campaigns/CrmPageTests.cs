using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiSales.Core.Campaigns;
using AiSales.Dashboard.Inbox;
using AiSales.Tests.Dashboard;
using AiSales.Tests.Fakes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiSales.Tests.Campaigns;

/// <summary>The Dashboard with the demo shop's campaigns (Demo:Campaigns) and the Marketing API fake for connecting accounts.</summary>
public sealed class CrmPageFixture : IAsyncLifetime
{
    public DashboardAppFactory Base { get; private set; } = default!;
    public FakeMarketingApi Meta { get; private set; } = default!;
    public WebApplicationFactory<InboxQueries> App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Base = await DashboardAppFactory.StartAsync();
        Meta = await FakeMarketingApi.StartNewAsync();
        App = Base.WithWebHostBuilder(b =>
        {
            b.UseSetting("Demo:Campaigns", "true");
            b.UseSetting("Security:EncryptionKey", CampaignSyncHarness.EncryptionKey);
            b.UseSetting("Campaigns:GraphApiBaseUrl", Meta.BaseUrl);
        });
        App.CreateClient().Dispose(); // start: the demo seed adds the campaigns
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Meta.DisposeAsync();
        await Base.DisposeAsync();
    }
}

/// <summary>
/// /crm and the Merchant API's campaigns and leads over real HTTP, on the demo numbers of docs/campaigns.md:
/// abayas (lead form) $140.00, 7 leads, CPL $20.00, 2 orders 120,000 IQD, ROAS 120,000 / 183,400 = 0.65;
/// shoes (chat from ad) $112.00, 4 leads, CPL $28.00, 3 orders 262,000 IQD, ROAS 262,000 / 146,720 = 1.79.
/// </summary>
public sealed partial class CrmPageTests(CrmPageFixture fixture) : IClassFixture<CrmPageFixture>
{
    private async Task<HttpClient> SignedInAsync()
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        Assert.True(DashboardAppFactory.IsRedirectTo(login, "/") && !DashboardAppFactory.IsRedirectTo(login, "/account/login"), $"login failed: {login.Headers.Location}");
        return client;
    }

    private static async Task<string> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var body = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = await DashboardAppFactory.AntiforgeryTokenAsync(client, path) };
        var response = await client.PostAsync(path, new FormUrlEncodedContent(body));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return html;
    }

    private static string Row(string html, string campaignId) => CampaignRow().Matches(html).Select(m => m.Value).Single(v => v.Contains($"data-campaign-id=\"{campaignId}\""));

    [Fact]
    public async Task The_page_shows_the_demo_campaigns_with_numbers_to_recompute_by_hand_in_arabic_and_english()
    {
        using var client = await SignedInAsync();
        var arabic = await client.GetStringAsync("/crm");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic);
        Assert.Contains("href=\"/crm\"", arabic); // the nav link
        Assert.DoesNotMatch(@"[>\s](crm|source|stage)\.[a-zA-Z.]+<", arabic); // no missing text key on screen

        var abayas = Row(arabic, DemoCampaigns.AbayaCampaign);
        foreach (var part in new[] { "data-spend=\"140\"", "data-currency=\"USD\"", "data-leads=\"7\"", "data-cpl=\"20\"", "data-orders=\"2\"", "data-revenue=\"120000\"", "data-rate=\"1310\"", "data-spend-iqd=\"183400\"", "data-roas=\"0.65\"",
            "data-delivered-orders=\"1\"", "data-delivered-revenue=\"70000\"", "data-delivered-roas=\"0.38\"" })
            Assert.Contains(part, abayas);
        var shoes = Row(arabic, DemoCampaigns.ShoesCampaign);
        foreach (var part in new[] { "data-spend=\"112\"", "data-leads=\"4\"", "data-cpl=\"28\"", "data-orders=\"3\"", "data-revenue=\"262000\"", "data-spend-iqd=\"146720\"", "data-roas=\"1.79\"",
            "data-delivered-orders=\"1\"", "data-delivered-revenue=\"87000\"", "data-delivered-roas=\"0.59\"" })
            Assert.Contains(part, shoes);
        Assert.Contains("data-testid=\"chart-spend\"", arabic);
        Assert.Contains("data-testid=\"chart-leads\"", arabic);
        Assert.Contains("data-testid=\"source-stage-row\" data-source=\"lead_form\" data-leads=\"7\" data-expected=\"110000\"", arabic);
        Assert.Contains("data-state=\"never\"", arabic); // the demo account
        Assert.Contains("بيانات تجريبية", arabic);
        Assert.Contains("الافتراضي 1310", arabic);

        // Click a campaign: its leads, each with its confirmed orders.
        var selected = await client.GetStringAsync($"/crm?campaign={DemoCampaigns.ShoesCampaign}");
        Assert.Contains($"data-testid=\"campaign-leads\" data-campaign-id=\"{DemoCampaigns.ShoesCampaign}\"", selected);
        var leads = Regex.Matches(selected, "data-testid=\"campaign-lead\"[^>]*data-orders=\"(\\d+)\" data-revenue=\"(\\d+)\"");
        Assert.Equal(4, leads.Count);
        Assert.Equal(262_000L, leads.Sum(m => long.Parse(m.Groups[2].Value)));
        Assert.Contains("علي كريم", selected);

        await client.PostAsync("/preferences/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en", ["returnUrl"] = "/", ["__RequestVerificationToken"] = await DashboardAppFactory.AntiforgeryTokenAsync(client, "/"),
        }));
        var english = await client.GetStringAsync("/crm");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", english);
        Assert.Contains("Cost per lead = spend ÷ leads", english);
        Assert.Contains("140.00 USD", english);
        Assert.Contains("20.00 USD", english);
        Assert.Contains("0.65×", english);
        Assert.Contains("Demo data: not connected to Meta", english);
    }

    [Fact]
    public async Task The_merchant_api_lists_campaigns_and_leads_in_the_documented_shape()
    {
        using var api = await DashboardAppFactory.ApiClientAsync(fixture.App, DashboardAppFactory.DemoMerchantId, "crm test");
        var report = await api.GetFromJsonAsync<JsonElement>("/api/v1/campaigns");
        Assert.True(report.TryGetProperty("from", out _) && report.TryGetProperty("to", out _));
        var abayas = report.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetString() == DemoCampaigns.AbayaCampaign);
        Assert.Equal(140.00m, abayas.GetProperty("spend").GetDecimal());
        Assert.Equal("USD", abayas.GetProperty("currency").GetString());
        Assert.Equal((7, 25200L, 504L), (abayas.GetProperty("leads").GetInt32(), abayas.GetProperty("impressions").GetInt64(), abayas.GetProperty("clicks").GetInt64()));
        Assert.Equal(20.00m, abayas.GetProperty("cpl").GetDecimal());
        Assert.Equal((2, 120_000L), (abayas.GetProperty("orders").GetInt32(), abayas.GetProperty("revenueIqd").GetInt64()));
        Assert.Equal(0.65m, abayas.GetProperty("roas").GetDecimal());
        // Delivered only: 70,000 / 183,400 = 0.38.
        Assert.Equal((1, 70_000L, 0.38m), (abayas.GetProperty("deliveredOrders").GetInt32(), abayas.GetProperty("deliveredRevenueIqd").GetInt64(),
            abayas.GetProperty("deliveredRoas").GetDecimal()));
        foreach (var name in new[] { "name", "status", "spendIqd", "iqdPerUnit", "cplIqd", "formLeads", "chatLeads", "metaLeads", "adAccountId" })
            Assert.True(abayas.TryGetProperty(name, out _), name);

        var bad = await api.GetAsync("/api/v1/leads?source=billboard&campaign_id=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("source", out _) && problem.GetProperty("errors").TryGetProperty("campaign_id", out _));

        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/leads?campaign_id={DemoCampaigns.AbayaCampaign}&pageSize=5");
        Assert.Equal((7, 1, 5), (page.GetProperty("total").GetInt32(), page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        var lead = page.GetProperty("items")[0];
        Assert.Equal("lead_form", lead.GetProperty("source").GetString());
        Assert.Equal(DemoCampaigns.AbayaCampaign, lead.GetProperty("campaignId").GetString());
        Assert.Equal(DemoCampaigns.FormId, lead.GetProperty("formId").GetString());
        foreach (var name in new[] { "id", "name", "phone", "adId", "adsetId", "leadgenId", "stage", "label", "score", "expectedRevenueIqd", "probability", "crmStage", "createdAt" })
            Assert.True(lead.TryGetProperty(name, out _), name);
        var chat = await api.GetFromJsonAsync<JsonElement>($"/api/v1/leads?campaign_id={DemoCampaigns.ShoesCampaign}&stage=won");
        Assert.Equal(3, chat.GetProperty("total").GetInt32()); // the three buyers; the fourth lead is lost
        Assert.All(chat.GetProperty("items").EnumerateArray(), l => Assert.Equal("ad", l.GetProperty("source").GetString()));

        var openApi = await fixture.App.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/v1/campaigns\"", openApi);
        Assert.Contains("\"/api/v1/leads\"", openApi);
    }

    [Fact]
    public async Task Connecting_an_ad_account_tests_the_token_with_meta_stores_it_encrypted_and_never_shows_it()
    {
        const string account = "7770001112223";
        fixture.Meta.Accounts[account] = new("Second shop ads", "usd", 1);
        using var client = await SignedInAsync();

        var rejected = await PostFormAsync(client, "/crm", "crm-connect", new() { ["accountId"] = "act_" + account, ["token"] = "EAAG-wrong-token" });
        Assert.Contains("data-testid=\"crm-notice\"", rejected);
        Assert.Contains("Error validating access token", rejected);
        Assert.DoesNotContain("EAAG-wrong-token", rejected); // the pasted token is not echoed back into the form
        Assert.Equal(0L, await fixture.Base.ScalarAsync<long>($"SELECT count(*) FROM ad_accounts WHERE external_id = '{account}'"));

        var html = await PostFormAsync(client, "/crm", "crm-connect", new() { ["accountId"] = "act_" + account, ["token"] = FakeMarketingApi.ValidToken });
        Assert.Contains("notice ok", html);
        Assert.Contains("Second shop ads", html);
        Assert.DoesNotContain(FakeMarketingApi.ValidToken, html);
        var stored = await fixture.Base.ScalarAsync<string>($"SELECT encode(access_token_encrypted, 'escape') || '|' || currency || '|' || sync_state FROM ad_accounts WHERE external_id = '{account}'");
        Assert.DoesNotContain(FakeMarketingApi.ValidToken, stored);
        Assert.EndsWith("|USD|never", stored);
        var id = await fixture.Base.ScalarAsync<Guid>($"SELECT id FROM ad_accounts WHERE external_id = '{account}'");
        Assert.Contains($"/{fixture.Meta.Requests[^1].Path.Split('/')[1]}/act_{account}", fixture.Meta.Requests[^1].Path);

        // The exchange rate, then "sync now"; a token Meta later rejects shows as needing reconnect, in plain words.
        await PostFormAsync(client, "/crm", $"crm-rate-{id}", new() { ["rate"] = "1450.5" });
        Assert.Equal(1450.5m, await fixture.Base.ScalarAsync<decimal>($"SELECT iqd_per_unit FROM ad_accounts WHERE id = '{id}'"));
        await fixture.Base.ExecuteAsync($"UPDATE ad_accounts SET next_sync_at = now() + interval '5 hours' WHERE id = '{id}'");
        await PostFormAsync(client, "/crm", $"crm-sync-{id}", []);
        Assert.True(await fixture.Base.ScalarAsync<bool>($"SELECT next_sync_at < now() + interval '1 minute' FROM ad_accounts WHERE id = '{id}'"));

        await fixture.Base.ExecuteAsync($"UPDATE ad_accounts SET sync_state = 'needs_reconnect', last_error = 'Error validating access token: Session has expired', last_error_code = 190 WHERE id = '{id}'");
        var page = await client.GetStringAsync("/crm");
        Assert.Contains("data-state=\"needs_reconnect\"", page);
        Assert.Contains("يحتاج إعادة ربط", page);
        // Why, in words that say what to do; Meta's own behind "Original text", its code once.
        Assert.Contains("data-testid=\"sync-error\" data-why=\"fail.token.AdAccount\"", page);
        Assert.Contains(AiSales.Dashboard.Localization.UiText.Get("fail.token.AdAccount", arabic: true), page);
        Assert.Contains(">Error validating access token: Session has expired (#190)</div></details>", page);
        // A code with no settled meaning is shown as stored.
        await fixture.Base.ExecuteAsync($"UPDATE ad_accounts SET sync_state = 'failing', last_error = '(#2635) You are calling a deprecated version of the Ads API.', last_error_code = 2635 WHERE id = '{id}'");
        var unknown = await client.GetStringAsync("/crm");
        Assert.Contains("data-testid=\"sync-error\">ميتا گالت: <bdi dir=\"auto\">(#2635) You are calling a deprecated version of the Ads API.</bdi>", unknown);
        await fixture.Base.ExecuteAsync($"UPDATE ad_accounts SET sync_state = 'needs_reconnect', last_error = 'Error validating access token: Session has expired', last_error_code = 190 WHERE id = '{id}'");
        Assert.DoesNotContain($"crm-sync-{id}", page); // no "sync now" until a new token is saved
    }

    [GeneratedRegex("<tr data-testid=\"campaign-row\"[^>]*>")]
    private static partial Regex CampaignRow();
}
