using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.Dashboard;

/// <summary>The owners-only API keys page: create (shown once), the key works, last use listed, revoke, audit; agents kept out.</summary>
public sealed partial class ApiKeysPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardAppFactory App => fixture.App;

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = App.Browser();
        var login = await DashboardAppFactory.LoginAsync(client, email, password);
        Assert.False(DashboardAppFactory.IsRedirectTo(login, "/account/login"), $"login failed: {login.Headers.Location}");
        return client;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string tokenFrom, string formName, Dictionary<string, string> fields)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync(tokenFrom)).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{tokenFrom} has no antiforgery token");
        var body = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = token };
        return await client.PostAsync("/api-keys", new FormUrlEncodedContent(body));
    }

    private HttpClient ApiClient(string key)
    {
        var api = App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return api;
    }

    [Fact]
    public async Task Owner_creates_a_key_that_works_sees_its_last_use_and_revokes_it()
    {
        using var owner = await SignedInAsync(DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        Assert.Contains("data-testid=\"nav-api-keys\"", await owner.GetStringAsync("/"));

        var created = await PostFormAsync(owner, "/api-keys", "create-key", new() { ["name"] = "inventory sync" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString());
        var html = await created.Content.ReadAsStringAsync();
        var key = PlaintextKey().Match(html).Groups[1].Value;
        Assert.StartsWith("ask_", key);
        var prefix = key[4..12];
        var keyId = await App.ScalarAsync<Guid>($"SELECT id FROM merchant_api_keys WHERE prefix = '{prefix}'");

        // Shown once: the list shows the prefix, never the secret again.
        var list = await owner.GetStringAsync("/api-keys");
        Assert.DoesNotContain(key, list);
        Assert.Contains($"data-prefix=\"{prefix}\" data-active=\"true\" data-last-used=\"\"", list);

        using var api = ApiClient(key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/contacts")).StatusCode);
        Assert.Matches($"data-prefix=\"{prefix}\" data-active=\"true\" data-last-used=\"\\d{{4}}-", await owner.GetStringAsync("/api-keys"));

        var revoked = await PostFormAsync(owner, "/api-keys", $"revoke-{keyId}", []);
        Assert.Contains("data-testid=\"key-revoked\"", await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/contacts")).StatusCode);
        Assert.Contains($"data-prefix=\"{prefix}\" data-active=\"false\"", await owner.GetStringAsync("/api-keys"));

        foreach (var action in new[] { "api_key.created", "api_key.revoked" })
            Assert.Equal(1, await App.ScalarAsync<int>($"""
                SELECT count(*)::int FROM audit_log WHERE action = '{action}' AND entity_type = 'api_key' AND entity_id = '{keyId}'
                AND merchant_id = '{DashboardAppFactory.DemoMerchantId}' AND actor_user_id IS NOT NULL
                """));
    }

    [Fact]
    public async Task An_empty_name_creates_nothing_and_says_why()
    {
        using var owner = await SignedInAsync(DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        var before = await App.ScalarAsync<int>("SELECT count(*)::int FROM merchant_api_keys");
        var response = await PostFormAsync(owner, "/api-keys", "create-key", new() { ["name"] = "   " });
        Assert.Contains("data-testid=\"key-error\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await App.ScalarAsync<int>("SELECT count(*)::int FROM merchant_api_keys"));
    }

    [Fact]
    public async Task An_agent_cannot_reach_the_page_or_its_actions()
    {
        const string email = "agent-keys@demo.test", password = "agent-keys-password-2026";
        await DashboardAppFactory.CreateUserAsync(App.Services, email, password, DashboardAppFactory.DemoMerchantId, MemberRole.Agent);
        using var agent = await SignedInAsync(email, password);

        Assert.DoesNotContain("nav-api-keys", await agent.GetStringAsync("/"));
        var page = await agent.GetAsync("/api-keys");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("key-create-form", await page.Content.ReadAsStringAsync());

        var before = await App.ScalarAsync<int>("SELECT count(*)::int FROM merchant_api_keys");
        var post = await PostFormAsync(agent, "/", "create-key", new() { ["name"] = "agent's key" });
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(before, await App.ScalarAsync<int>("SELECT count(*)::int FROM merchant_api_keys"));
        Assert.Equal(0, await App.ScalarAsync<int>("SELECT count(*)::int FROM audit_log WHERE action = 'api_key.created' AND details->>'name' = 'agent''s key'"));
    }

    [GeneratedRegex("data-testid=\"key-plaintext\"[^>]*>(ask_[a-z0-9]{8}_[A-Za-z0-9]{40})<")]
    private static partial Regex PlaintextKey();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
