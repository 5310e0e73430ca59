using System.Net;
using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Localization;
using AiSales.Tests.Campaigns;
using AiSales.Tests.Dashboard;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiSales.Tests.Conversions;

/// <summary>
/// /crm/conversions over real HTTP on the demo shop: the owner turns CAPI on for an ad account with a dataset id (a
/// wrong id is refused in words), sees the events sent and a failed one with its reason in Arabic and Meta's own words,
/// and sends it again; the page is the owner's only, and the CRM page links to it.
/// </summary>
public sealed class ConversionsPageTests(CrmPageFixture fixture) : IClassFixture<CrmPageFixture>
{
    private const string External = "8880001112223";

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await DashboardAppFactory.LoginAsync(client, email, password);
        Assert.False(DashboardAppFactory.IsRedirectTo(login, "/account/login"), $"login failed: {login.Headers.Location}");
        return client;
    }

    private static async Task<string> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var body = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = await DashboardAppFactory.AntiforgeryTokenAsync(client, path) };
        var response = await client.PostAsync(path, new FormUrlEncodedContent(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_owner_turns_CAPI_on_sees_what_was_sent_and_sends_a_failed_event_again()
    {
        var demo = DashboardAppFactory.DemoMerchantId;
        await fixture.Base.ExecuteAsync($"""
            INSERT INTO ad_accounts (merchant_id, external_id, name, currency, access_token_encrypted, sync_enabled)
            VALUES ('{demo}', '{External}', 'Page test ads', 'USD', '\x0102'::bytea, false) ON CONFLICT DO NOTHING
            """);
        var account = await fixture.Base.ScalarAsync<Guid>($"SELECT id FROM ad_accounts WHERE external_id = '{External}'");
        using var client = await SignedInAsync(DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);

        Assert.Contains("href=\"/crm/conversions\"", await client.GetStringAsync("/crm"));
        var page = await client.GetStringAsync("/crm/conversions");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", page);
        Assert.DoesNotMatch(@"[>\s]capi\.[a-zA-Z.]+<", page); // no missing text key on screen
        Assert.Contains("data-testid=\"capi-no-token\"", page); // the demo account has no token
        Assert.Equal("no-store", (await client.GetAsync("/crm/conversions")).Headers.CacheControl?.ToString());

        var refused = await PostFormAsync(client, "/crm/conversions", $"capi-set-{account}", new() { ["enabled"] = "on", ["dataset"] = "pixel-12" });
        Assert.Contains("رقم مجموعة البيانات لازم يكون أرقام بس", refused);
        Assert.False(await fixture.Base.ScalarAsync<bool>($"SELECT capi_enabled FROM ad_accounts WHERE id = '{account}'"));

        var saved = await PostFormAsync(client, "/crm/conversions", $"capi-set-{account}", new() { ["enabled"] = "on", ["dataset"] = " 900000000000002 " });
        Assert.Contains("notice ok", saved);
        Assert.Contains($"data-account-id=\"{account}\" data-enabled=\"true\"", saved);
        Assert.Equal("900000000000002", await fixture.Base.ScalarAsync<string>($"SELECT capi_dataset_id FROM ad_accounts WHERE id = '{account}' AND capi_enabled"));

        // One event sent and one refused for the token, as the Worker records them.
        var order = await fixture.Base.ScalarAsync<Guid>($"SELECT id FROM orders WHERE merchant_id = '{demo}' ORDER BY number LIMIT 1");
        var number = await fixture.Base.ScalarAsync<long>($"SELECT number FROM orders WHERE id = '{order}'");
        await fixture.Base.ExecuteAsync($"""
            INSERT INTO capi_events (merchant_id, ad_account_id, order_id, order_number, event_key, event_name, event_id, event_time, value_iqd, channel, state, attempts, sent_at)
            VALUES ('{demo}', '{account}', '{order}', {number}, 'created', 'OrderCreated', 'order:{order}:created', now(), 70000, 'whatsapp', 'sent', 1, now());
            INSERT INTO capi_events (merchant_id, ad_account_id, order_id, order_number, event_key, event_name, event_id, event_time, value_iqd, channel, state, attempts,
                                     error_kind, last_error, last_error_code)
            VALUES ('{demo}', '{account}', '{order}', {number}, 'delivered', 'OrderDelivered', 'order:{order}:delivered', now(), 70000, 'whatsapp', 'failed', 1,
                    'token', 'Error validating access token: Session has expired', 190);
            INSERT INTO capi_events (merchant_id, ad_account_id, order_id, order_number, event_key, event_name, event_id, event_time, value_iqd, channel, state, attempts,
                                     error_kind, last_error, last_error_code)
            VALUES ('{demo}', '{account}', '{order}', {number}, 'shipped', 'OrderShipped', 'order:{order}:shipped', now(), 70000, 'whatsapp', 'failed', 1,
                    'rejected', 'Unsupported post request. Object with ID ''900000000000002'' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api', 100),
                   ('{demo}', '{account}', '{order}', {number}, 'returned', 'OrderReturned', 'order:{order}:returned', now(), 70000, 'whatsapp', 'failed', 1,
                    'rejected', '(#2804019) Invalid parameter', 2804019);
            UPDATE capi_events SET updated_at = now() + interval '1 minute' WHERE event_id = 'order:{order}:delivered';
            UPDATE ad_accounts SET capi_state = 'needs_reconnect', capi_last_error = 'Error validating access token: Session has expired' WHERE id = '{account}';
            """);
        var failedId = await fixture.Base.ScalarAsync<long>($"SELECT id FROM capi_events WHERE event_id = 'order:{order}:delivered'");
        page = await client.GetStringAsync("/crm/conversions");
        Assert.Contains($"data-event=\"OrderCreated\" data-order=\"{number}\" data-value=\"70000\" data-state=\"sent\"", page);
        Assert.Contains($"data-event=\"OrderDelivered\" data-order=\"{number}\" data-value=\"70000\" data-state=\"failed\" data-error-kind=\"token\"", page);
        // The reason in words, per Meta's code: the dead token (on the event and on its account), the unknown dataset;
        // Meta's own words behind them. A code with no settled meaning keeps the kind's words.
        Assert.Contains("data-testid=\"capi-error\" data-why=\"fail.token.Conversions\"", page);
        Assert.Contains("data-testid=\"capi-account-error\" data-why=\"fail.token.Conversions\"", page);
        Assert.Contains(UiText.Get("fail.token.Conversions", arabic: true), page);
        Assert.Contains("Session has expired (#190)</div></details>", page);
        Assert.Contains("data-testid=\"capi-error\" data-why=\"fail.object.Conversions\"", page);
        Assert.Contains("data-testid=\"capi-error\" data-why=\"capi.kind.rejected\"", page);
        Assert.Contains(">(#2804019) Invalid parameter</div>", page); // Meta's code is said once
        Assert.Contains("data-state=\"needs_reconnect\"", page);
        Assert.Contains("data-sent=\"1\" data-pending=\"0\" data-failed=\"3\"", page);

        var retried = await PostFormAsync(client, "/crm/conversions", $"capi-retry-{failedId}", []);
        Assert.Contains("notice ok", retried);
        Assert.Equal("pending", await fixture.Base.ScalarAsync<string>($"SELECT state FROM capi_events WHERE id = {failedId}"));

        // The demo account has no token: it cannot be turned on until a token for events is pasted, which is stored
        // encrypted and never shown back.
        var demoAccount = await fixture.Base.ScalarAsync<Guid>($"SELECT id FROM ad_accounts WHERE merchant_id = '{demo}' AND access_token_encrypted IS NULL LIMIT 1");
        var noToken = await PostFormAsync(client, "/crm/conversions", $"capi-set-{demoAccount}", new() { ["enabled"] = "on", ["dataset"] = "900000000000004" });
        Assert.Contains("ماكو رمز لهذا الحساب", noToken);
        Assert.False(await fixture.Base.ScalarAsync<bool>($"SELECT capi_enabled FROM ad_accounts WHERE id = '{demoAccount}'"));
        const string eventsToken = "EAAG-events-only-token-0123456789";
        var withToken = await PostFormAsync(client, "/crm/conversions", $"capi-set-{demoAccount}",
            new() { ["enabled"] = "on", ["dataset"] = "900000000000004", ["token"] = eventsToken });
        Assert.Contains($"data-account-id=\"{demoAccount}\" data-enabled=\"true\"", withToken);
        Assert.DoesNotContain(eventsToken, withToken);
        Assert.DoesNotContain(eventsToken, await fixture.Base.ScalarAsync<string>($"SELECT encode(capi_token_encrypted, 'escape') FROM ad_accounts WHERE id = '{demoAccount}'"));
        // The campaign side of the demo account is untouched: still no ad token, still shown as demo data on /crm.
        Assert.True(await fixture.Base.ScalarAsync<bool>($"SELECT access_token_encrypted IS NULL AND NOT sync_enabled FROM ad_accounts WHERE id = '{demoAccount}'"));

        // Turning it off keeps the dataset id for next time.
        await PostFormAsync(client, "/crm/conversions", $"capi-set-{account}", new() { ["dataset"] = "900000000000002" });
        Assert.Equal("false|900000000000002", await fixture.Base.ScalarAsync<string>($"SELECT capi_enabled::text || '|' || capi_dataset_id FROM ad_accounts WHERE id = '{account}'"));
    }

    [Fact]
    public async Task An_agent_cannot_open_the_page()
    {
        const string email = "agent-capi@demo.test", password = "agent-password-2026";
        await DashboardAppFactory.CreateUserAsync(fixture.App.Services, email, password, DashboardAppFactory.DemoMerchantId, MemberRole.Agent);
        using var client = await SignedInAsync(email, password);
        var response = await client.GetAsync("/crm/conversions");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("data-testid=\"capi-accounts\"", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("href=\"/crm/conversions\"", await client.GetStringAsync("/crm"));
    }
}
