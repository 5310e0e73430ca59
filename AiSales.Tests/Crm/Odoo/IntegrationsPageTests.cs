using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AiSales.Tests.Dashboard;
using AiSales.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiSales.Tests.Crm.Odoo;

/// <summary>
/// The owners' Integrations page over HTTP with a fake Odoo: a failing test names the problem and saves nothing; a good
/// one saves the connection (key encrypted, never shown again), shows the webhook URL with its secret once, offers
/// Odoo's stages for the map; the status lists a failed push and its retry puts it back in the queue.
/// </summary>
public sealed partial class IntegrationsPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>, IAsyncLifetime
{
    private FakeOdoo _odoo = null!;
    private WebApplicationFactory<AiSales.Dashboard.Inbox.InboxQueries> _app = null!;

    public async Task InitializeAsync()
    {
        _odoo = await FakeOdoo.StartNewAsync();
        _app = fixture.App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Security:EncryptionKey", OdooHost.EncryptionKey);
            b.UseSetting("Odoo:WebhookBaseUrl", "https://hooks.example");
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _odoo.DisposeAsync();
    }

    private async Task<HttpClient> OwnerAsync()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        return client;
    }

    private static async Task<string> PostAsync(HttpClient client, string formName, Dictionary<string, string> fields)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync("/integrations")).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token));
        var response = await client.PostAsync("/integrations", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Dictionary<string, string> Form(string action, string key) => new()
    {
        ["url"] = _odoo.BaseUrl, ["database"] = FakeOdoo.Db, ["username"] = FakeOdoo.Login, ["apiKey"] = key, ["action"] = action,
    };

    [Fact]
    public async Task Owner_connects_Odoo_maps_stages_and_retries_a_failed_push()
    {
        using var owner = await OwnerAsync();
        Assert.Contains("data-testid=\"nav-integrations\"", await owner.GetStringAsync("/"));

        var refused = await PostAsync(owner, "odoo-connect", Form("save", "wrong-key"));
        Assert.Contains("data-problem=\"BadLogin\"", refused);
        Assert.Contains("data-testid=\"odoo-test-why\" data-why=\"int.problem.BadLogin\"", refused);
        Assert.Equal(0, await fixture.App.ScalarAsync<int>("SELECT count(*)::int FROM odoo_connections"));

        var tested = await PostAsync(owner, "odoo-connect", Form("test", FakeOdoo.Key));
        Assert.Contains("data-problem=\"ok\"", tested);
        Assert.Equal(0, await fixture.App.ScalarAsync<int>("SELECT count(*)::int FROM odoo_connections"));

        var saved = await PostAsync(owner, "odoo-connect", Form("save", FakeOdoo.Key));
        var url = WebhookUrl().Match(saved).Groups[1].Value;
        Assert.StartsWith($"https://hooks.example/webhooks/odoo/{DashboardAppFactory.DemoMerchantId}?token=", url);
        Assert.Equal("{\"new\": 1, \"won\": 4, \"ordering\": 3, \"interested\": 2}", await fixture.App.ScalarAsync<string>("SELECT stage_map::text FROM odoo_connections"));
        // Encrypted at rest, and never rendered again.
        Assert.Equal(0, await fixture.App.ScalarAsync<int>(
            $"SELECT count(*)::int FROM odoo_connections WHERE position('{FakeOdoo.Key}'::bytea in api_key_encrypted) > 0"));
        var page = await owner.GetStringAsync("/integrations");
        Assert.DoesNotContain(FakeOdoo.Key, page);
        Assert.DoesNotContain(url, page);
        Assert.Contains("Proposition", page);

        await PostAsync(owner, "odoo-stages", new() { ["stage-new"] = "1", ["stage-engaged"] = "2", ["stage-won"] = "4", ["stage-lost"] = "999" });
        Assert.Equal("{\"new\": 1, \"won\": 4, \"engaged\": 2}", await fixture.App.ScalarAsync<string>("SELECT stage_map::text FROM odoo_connections"));

        // The demo shop's contacts are marked for sync by the trigger from now on; one fails for good.
        var contact = await fixture.App.ScalarAsync<Guid>($"SELECT id FROM contacts WHERE merchant_id = '{DashboardAppFactory.DemoMerchantId}' LIMIT 1");
        await fixture.App.ExecuteAsync($"UPDATE contacts SET score = score + 1 WHERE id = '{contact}'");
        await fixture.App.ExecuteAsync($"UPDATE odoo_sync SET state = 'failed', attempts = 6, last_error = 'Timeout: Odoo did not answer within 15 s.' WHERE entity_id = '{contact}'");
        var status = await owner.GetStringAsync("/integrations");
        Assert.Contains("data-testid=\"odoo-failure\"", status);
        // Why in the page's language, Odoo's (or our) words behind it without the class name they were stored with.
        Assert.Contains("data-testid=\"odoo-failure-error\" data-why=\"int.problem.Timeout\"", status);
        Assert.Contains(AiSales.Dashboard.Localization.UiText.Get("int.problem.Timeout", arabic: true), status);
        Assert.Contains("dir=\"auto\">Odoo did not answer within 15 s.</div></details>", status);
        var syncId = await fixture.App.ScalarAsync<long>($"SELECT id FROM odoo_sync WHERE entity_id = '{contact}'");
        // Visible on the lead too, with the stage Odoo reported.
        await fixture.App.ExecuteAsync($"UPDATE contacts SET crm_stage = 'Proposition' WHERE id = '{contact}'");
        var leads = await owner.GetStringAsync("/leads");
        Assert.Contains("data-testid=\"lead-odoo-failed\"", leads);
        Assert.Matches("data-testid=\"lead-crm-stage\"><bdi>Proposition</bdi>", leads);

        await PostAsync(owner, $"odoo-retry-{syncId}", []);
        Assert.Equal("pending", await fixture.App.ScalarAsync<string>($"SELECT state FROM odoo_sync WHERE id = {syncId}"));
        Assert.Equal(0, await fixture.App.ScalarAsync<int>($"SELECT attempts FROM odoo_sync WHERE id = {syncId}"));
        Assert.DoesNotContain("data-testid=\"lead-odoo-failed\"", await owner.GetStringAsync("/leads"));

        // Moving to another Odoo forgets the old ids (they name records of the old server); the same Odoo keeps them.
        await fixture.App.ExecuteAsync($"UPDATE odoo_sync SET state = 'synced', odoo_id = 77, odoo_partner_id = 78 WHERE id = {syncId}");
        await PostAsync(owner, "odoo-connect", Form("save", ""));
        Assert.Equal(77L, await fixture.App.ScalarAsync<long>($"SELECT odoo_id FROM odoo_sync WHERE id = {syncId}"));
        await using var other = await FakeOdoo.StartNewAsync();
        var moved = await PostAsync(owner, "odoo-connect", new() { ["url"] = other.BaseUrl, ["database"] = FakeOdoo.Db, ["username"] = FakeOdoo.Login, ["apiKey"] = "", ["action"] = "save" });
        Assert.Contains("data-problem=\"ok\"", moved);
        Assert.Equal("pending", await fixture.App.ScalarAsync<string>($"SELECT state || coalesce(odoo_id::text, '') || coalesce(odoo_partner_id::text, '') FROM odoo_sync WHERE id = {syncId}"));
    }

    [GeneratedRegex("data-testid=\"odoo-webhook-url\"[^>]*>([^<]+)<")]
    private static partial Regex WebhookUrl();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
