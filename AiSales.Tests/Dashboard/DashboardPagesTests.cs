using System.Net;
using System.Text.RegularExpressions;
using AiSales.Core.Messaging;
using AiSales.Core.Security;
using AiSales.Dashboard.Inbox;
using AiSales.Dashboard.Localization;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Ingest;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Dashboard;

/// <summary>Channels, AI settings, Analytics, Operations and Simulator pages through real HTTP requests.</summary>
public sealed partial class DashboardPagesTests(DashboardPagesFixture fixture) : IClassFixture<DashboardPagesFixture>
{
    private DashboardAppFactory Db => fixture.Base;

    private static HttpClient Browser(WebApplicationFactory<InboxQueries> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> SignedInAsync(WebApplicationFactory<InboxQueries>? app = null, string? email = null, string? password = null)
    {
        var client = Browser(app ?? fixture.App);
        var login = await DashboardAppFactory.LoginAsync(client, email ?? DashboardAppFactory.DemoEmail, password ?? DashboardAppFactory.DemoPassword);
        Assert.True(DashboardAppFactory.IsRedirectTo(login, "/") && !DashboardAppFactory.IsRedirectTo(login, "/account/login"), $"login failed: {login.Headers.Location}");
        return client;
    }

    private static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync(path)).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{path} has no antiforgery token");
        return token;
    }

    /// <summary>Posts a static-SSR form the way a browser does (handler name, antiforgery token, fields).</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var body = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = await TokenAsync(client, path) };
        var response = await client.PostAsync(path, new FormUrlEncodedContent(body));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 400)]}");
        return html;
    }

    private static async Task SwitchToEnglishAsync(HttpClient client)
    {
        var switched = await client.PostAsync("/preferences/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en", ["returnUrl"] = "/", ["__RequestVerificationToken"] = await TokenAsync(client, "/"),
        }));
        Assert.True(switched.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found);
    }

    [Theory]
    [InlineData("/channels", "channels-table")]
    [InlineData("/ai-settings", "ai-form")]
    [InlineData("/analytics", "analytics-summary")]
    [InlineData("/simulator", "simulator")]
    [InlineData("/team", "team-intro")]
    public async Task Page_renders_for_the_demo_owner_in_arabic_then_english(string path, string testId)
    {
        using var client = await SignedInAsync();
        var arabic = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, arabic.StatusCode);
        var html = await arabic.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html);
        Assert.Contains($"data-testid=\"{testId}\"", html);
        Assert.DoesNotMatch(@"[>\s](channels|ai|analytics|sim|ops|team)\.[a-z]+[A-Za-z.]*<", html); // no missing UiText key on screen

        await SwitchToEnglishAsync(client);
        var english = await client.GetStringAsync(path);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", english);
        Assert.Contains($"data-testid=\"{testId}\"", english);
    }

    [Fact]
    public async Task Connecting_by_token_stores_it_encrypted_and_audits()
    {
        using var client = await SignedInAsync();
        const string token = "EAAManualToken-1234567890-abcdef";
        var html = await PostFormAsync(client, "/channels", "connect", new()
        {
            ["platform"] = "messenger", ["provider"] = "meta", ["externalId"] = "104000000009001", ["displayName"] = "Manual page", ["accessToken"] = token,
        });
        Assert.Contains("data-testid=\"channels-notice\" data-ok=\"true\"", html);
        Assert.Contains("data-external-id=\"104000000009001\"", html);
        Assert.DoesNotContain(token, html);

        var stored = await Db.ScalarAsync<byte[]>("SELECT access_token_encrypted FROM channel_accounts WHERE external_id = '104000000009001'");
        Assert.False(stored.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(token)) >= 0, "plaintext token found in the stored bytes");
        var protector = fixture.App.Services.GetRequiredService<TokenProtector>();
        Assert.Equal(token, protector.Unprotect(stored));
        Assert.Equal(DashboardAppFactory.DemoMerchantId.ToString(),
            await Db.ScalarAsync<string>("SELECT merchant_id::text FROM channel_accounts WHERE external_id = '104000000009001'"));
        Assert.Equal(1L, await Db.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE action = 'channel.connected' AND merchant_id = '{DashboardAppFactory.DemoMerchantId}' AND details->>'external_id' = '104000000009001'"));
    }

    [Fact]
    public async Task Invalid_connect_shows_the_reason_and_stores_nothing()
    {
        using var client = await SignedInAsync();
        var html = await PostFormAsync(client, "/channels", "connect", new()
        {
            ["platform"] = "instagram", ["provider"] = "meta", ["externalId"] = "not valid!", ["accessToken"] = "EAA-some-token-123",
        });
        Assert.Contains("data-testid=\"channels-notice\" data-ok=\"false\"", html);
        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM channel_accounts WHERE external_id = 'not valid!'"));
    }

    [Fact]
    public async Task A_thread_longer_than_the_page_shows_its_newest_messages_oldest_first()
    {
        var m = DashboardAppFactory.DemoMerchantId;
        var total = InboxQueries.ThreadMessages + 20;
        var conversation = await Db.ScalarAsync<Guid>($"""
            WITH ch AS (INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
                        VALUES ('{m}', 'instagram', 'sandbox', '17841400000777001', 'Long thread shop') RETURNING id),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name) SELECT '{m}', ch.id, 'long-thread-customer', 'Long talker' FROM ch RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id) SELECT '{m}', channel_account_id, id FROM k RETURNING id, channel_account_id),
            msgs AS (INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, status, external_timestamp)
                     SELECT '{m}', c.id, c.channel_account_id, 'inbound', 'customer', 'text', 'long-thread-' || g, 'received', now() - make_interval(mins => {total} - g)
                     FROM c, generate_series(1, {total}) g)
            SELECT id FROM c
            """);
        using var client = await SignedInAsync();
        var html = await client.GetStringAsync($"/inbox/{conversation}");

        var thread = html[html.IndexOf("data-testid=\"messages\"", StringComparison.Ordinal)..];
        var shown = Regex.Matches(thread, @"long-thread-(\d+)<").Select(x => int.Parse(x.Groups[1].Value)).ToList();
        Assert.Equal(Enumerable.Range(total - InboxQueries.ThreadMessages + 1, InboxQueries.ThreadMessages), shown);
    }

    [Fact]
    public async Task Reconnect_of_a_channel_needing_it_makes_it_active_with_the_new_token()
    {
        await Db.ExecuteAsync($"""
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name, status, last_error, access_token_encrypted)
            VALUES ('{DashboardAppFactory.DemoMerchantId}', 'whatsapp', 'meta', '555000111', 'WA', 'needs_reconnect', 'Error validating access token (190)', '\x00');
            WITH ch AS (SELECT id FROM channel_accounts WHERE external_id = '555000111'),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name) SELECT '{DashboardAppFactory.DemoMerchantId}', ch.id, '9647700000111', 'WA customer' FROM ch RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id) SELECT '{DashboardAppFactory.DemoMerchantId}', channel_account_id, id FROM k RETURNING id, channel_account_id),
            m AS (INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, status, status_detail)
                  SELECT '{DashboardAppFactory.DemoMerchantId}', c.id, c.channel_account_id, 'outbound', 'ai', 'text', 'parked reply', 'queued', '{AiSales.Core.Sending.SendStatusDetail.WaitingReconnect}' FROM c
                  RETURNING id, channel_account_id)
            INSERT INTO outbound_sends (merchant_id, message_id, channel_account_id, idempotency_key, state)
            SELECT '{DashboardAppFactory.DemoMerchantId}', m.id, m.channel_account_id, 'parked-' || m.id, 'pending' FROM m;
            """);
        var parked = await Db.ScalarAsync<Guid>("SELECT m.id FROM messages m WHERE m.text = 'parked reply'");
        using var client = await SignedInAsync();
        var page = await client.GetStringAsync("/channels");
        Assert.Contains("data-external-id=\"555000111\" data-status=\"needs_reconnect\"", page);
        Assert.Contains("Error validating access token (190)", page);
        var id = await Db.ScalarAsync<string>("SELECT id::text FROM channel_accounts WHERE external_id = '555000111'");

        var html = await PostFormAsync(client, "/channels", $"reconnect-{id}", new() { ["accountId"] = id, ["token"] = "EAAFresh-token-after-190" });
        Assert.Contains("data-testid=\"channels-notice\" data-ok=\"true\"", html);
        Assert.Equal("active", await Db.ScalarAsync<string>("SELECT status FROM channel_accounts WHERE external_id = '555000111'"));
        var stored = await Db.ScalarAsync<byte[]>("SELECT access_token_encrypted FROM channel_accounts WHERE external_id = '555000111'");
        Assert.Equal("EAAFresh-token-after-190", fixture.App.Services.GetRequiredService<TokenProtector>().Unprotect(stored));
        Assert.Equal(1L, await Db.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'channel.reconnected' AND entity_id = '{id}'"));
        // The parked reply went back on the queue in the same transaction (ChannelReconnector), one job per message.
        await Eventually.UntilAsync(async () =>
            (await QueueWork.QueuedMessagesAsync<SendMessage>(fixture.App.Services)).Any(m => m.MessageId == parked), "the parked reply's SendMessage queued");
        Assert.Single(await QueueWork.QueuedMessagesAsync<SendMessage>(fixture.App.Services), m => m.MessageId == parked);
        Assert.Contains("data-ok=\"true\"", html);
        Assert.Contains(" 1 ", html[html.IndexOf("channels-notice", StringComparison.Ordinal)..][..400]);
    }

    [Fact]
    public async Task Connect_with_meta_exchanges_the_code_and_lists_pages_then_connects_the_pick()
    {
        using var client = await SignedInAsync();
        var start = await client.GetAsync("/channels/oauth/start");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var dialog = start.Headers.Location!.ToString();
        Assert.StartsWith($"{fixture.Graph.BaseUrl}/v24.0/dialog/oauth?client_id=1234567890", dialog);
        var state = Regex.Match(dialog, "state=([0-9a-f]+)").Groups[1].Value;
        Assert.NotEmpty(state);

        // A callback with someone else's state is refused before any call to Meta.
        var forged = await client.GetStringAsync("/channels/oauth/callback?code=good-code&state=0000");
        Assert.Contains("data-ok=\"false\"", forged);
        Assert.DoesNotContain("data-testid=\"oauth-account\"", forged);

        var html = await client.GetStringAsync($"/channels/oauth/callback?code=good-code&state={state}");
        Assert.Equal(2, Regex.Matches(html, "data-testid=\"oauth-account\"").Count);
        Assert.Contains("data-external-id=\"17841400000777001\"", html);
        Assert.DoesNotContain(GraphFake.PageToken, html); // the page token is sealed in the form, never readable
        var exchange = fixture.Graph.Seen.First(s => s.StartsWith("token", StringComparison.Ordinal));
        Assert.Contains($"secret={WebhooksAppFactory.AppSecret}", exchange);
        Assert.DoesNotContain("client_secret", exchange.Split(' ')[1]); // secret in the body, not the URL
        Assert.Contains(fixture.Graph.Seen, s => s.StartsWith($"accounts auth=Bearer {GraphFake.UserToken}", StringComparison.Ordinal));

        var choice = Regex.Match(html, "name=\"choice\" value=\"([^\"]+)\"[^>]*data-testid=\"oauth-connect-instagram\"").Groups[1].Value;
        Assert.NotEmpty(choice);
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var picked = await client.PostAsync("/channels", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "pick", ["choice"] = WebUtility.HtmlDecode(choice), ["__RequestVerificationToken"] = token,
        }));
        var pickedHtml = await picked.Content.ReadAsStringAsync();
        Assert.Contains("data-ok=\"true\"", pickedHtml);
        var stored = await Db.ScalarAsync<byte[]>("SELECT access_token_encrypted FROM channel_accounts WHERE platform = 'instagram' AND external_id = '17841400000777001'");
        Assert.Equal(GraphFake.PageToken, fixture.App.Services.GetRequiredService<TokenProtector>().Unprotect(stored));
    }

    [Fact]
    public async Task Ai_settings_save_and_refuse_invalid_values()
    {
        using var client = await SignedInAsync();
        var bad = await PostFormAsync(client, "/ai-settings", "ai", new()
        {
            ["persona"] = "x", ["tone"] = "", ["dialect"] = "iraqi", ["debounce"] = "0", ["quiet"] = "30", ["keywords"] = "", ["hours-sat"] = "22:00-10:00",
        });
        Assert.Contains("data-testid=\"ai-error\" data-field=\"debounce\"", bad);
        Assert.Contains("data-testid=\"ai-error\" data-field=\"hours-sat\"", bad);
        Assert.NotEqual(0, await Db.ScalarAsync<int>($"SELECT (ai_settings->>'debounce_seconds')::int FROM merchants WHERE id = '{DashboardAppFactory.DemoMerchantId}'"));

        var good = await PostFormAsync(client, "/ai-settings", "ai", new()
        {
            ["persona"] = "موظفة مبيعات في متجر ملابس ببغداد", ["tone"] = "plain", ["dialect"] = "iraqi", ["debounce"] = "7", ["quiet"] = "45",
            ["keywords"] = "موظف, مدير، شكوى", ["hours-sat"] = "9:00-21:30", ["hours-fri"] = "",
        });
        Assert.Contains("data-testid=\"ai-saved\"", good);
        var m = DashboardAppFactory.DemoMerchantId;
        Assert.Equal(7, await Db.ScalarAsync<int>($"SELECT (ai_settings->>'debounce_seconds')::int FROM merchants WHERE id = '{m}'"));
        Assert.Equal(45, await Db.ScalarAsync<int>($"SELECT (ai_settings->>'human_quiet_minutes')::int FROM merchants WHERE id = '{m}'"));
        Assert.Equal("09:00-21:30", await Db.ScalarAsync<string>($"SELECT ai_settings->'business_hours'->>'sat' FROM merchants WHERE id = '{m}'"));
        Assert.Equal(3, await Db.ScalarAsync<int>($"SELECT jsonb_array_length(ai_settings->'handoff_keywords') FROM merchants WHERE id = '{m}'"));
        Assert.True(await Db.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'merchant.ai_settings_changed' AND merchant_id = '{m}'") >= 1);
        Assert.Contains("data-testid=\"ai-key-configured\"", good);
        // The tone is a choice in the merchant's words, the one saved selected.
        Assert.Equal("plain", await Db.ScalarAsync<string>($"SELECT ai_settings->>'tone' FROM merchants WHERE id = '{m}'"));
        Assert.Matches("<option value=\"plain\" selected[^>]*>رسمي ومهذب، بدون إيموجي</option>", good);
    }

    [Fact]
    public async Task Analytics_shows_the_seeded_numbers_for_this_merchant_only()
    {
        // A week in March 2026 that the sample data (all "now"-relative) never touches; the other shop gets noise in the same days.
        await Db.ExecuteAsync(Seed(DashboardAppFactory.DemoMerchantId, inbound: 3, aiReplies: 2, humanReplies: 1, stage: "won", source: "ad"));
        await Db.ExecuteAsync(Seed(DashboardAppFactory.OtherMerchantId, inbound: 5, aiReplies: 0, humanReplies: 0, stage: "new", source: "post"));
        using var client = await SignedInAsync();
        var html = await client.GetStringAsync("/analytics?from=2026-03-01&to=2026-03-07");
        Assert.Contains("data-testid=\"an-inbound\" data-value=\"3\"", html);
        Assert.Contains("data-testid=\"an-outbound\" data-value=\"3\"", html);
        Assert.Contains("data-testid=\"source-row\" data-source=\"ad\" data-leads=\"1\" data-won=\"1\"", html);
        Assert.DoesNotContain("data-source=\"post\" data-leads=\"1\"", html);
        Assert.Contains("data-testid=\"chart-messages\"", html);
        // The chart's totals line is server-rendered (the Radzen drawing itself needs the browser: Browser/AnalyticsChartsBrowserTests).
        Assert.Contains("data-series=\"instagram\" data-total=\"6\" data-name=\"إنستغرام\"", html);
        Assert.Contains("data-series=\"ai\" data-total=\"2\"", html);
        // The comparison over time, by channel: 3 messages in on Instagram, from the demo shop only.
        Assert.Contains("data-testid=\"chart-compare\"", html);
        Assert.Matches("data-testid=\"chart-compare\"(?:(?!</figure>).)*data-series=\"instagram\" data-total=\"3\"", html.ReplaceLineEndings(" "));

        var empty = await client.GetStringAsync("/analytics?from=2025-01-01&to=2025-01-03");
        Assert.Contains("data-testid=\"empty-funnel\"", empty);
        Assert.Contains("data-testid=\"an-inbound\" data-value=\"0\"", empty);
    }

    private static string Seed(Guid merchant, int inbound, int aiReplies, int humanReplies, string stage, string source) => $"""
        WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = '{merchant}' AND provider = 'sandbox' ORDER BY created_at LIMIT 1),
        k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, stage, first_touch, created_at)
              SELECT '{merchant}', ch.id, 'an-' || substr(md5(random()::text), 1, 10), 'Analytics', '{stage}', jsonb_build_object('source', '{source}'), '2026-03-02T09:00:00+03:00' FROM ch
              RETURNING id, channel_account_id),
        c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, created_at)
              SELECT '{merchant}', channel_account_id, id, '2026-03-02T09:00:00+03:00' FROM k RETURNING id, channel_account_id)
        INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status)
        SELECT '{merchant}', c.id, c.channel_account_id, v.direction, v.author, 'text', 'x', 'an-' || md5(random()::text), v.at, v.status
        FROM c, (
            SELECT 'inbound' AS direction, 'customer' AS author, timestamptz '2026-03-02T10:00:00+03:00' + (g || ' minutes')::interval AS at, 'received' AS status FROM generate_series(1, {inbound}) g
            UNION ALL SELECT 'outbound', 'ai', timestamptz '2026-03-02T11:00:00+03:00' + (g || ' minutes')::interval, 'delivered' FROM generate_series(1, {aiReplies}) g
            UNION ALL SELECT 'outbound', 'human', timestamptz '2026-03-03T12:00:00+03:00' + (g || ' minutes')::interval, 'sent' FROM generate_series(1, {humanReplies}) g
        ) v;
        """;

    [Fact]
    public async Task Operations_is_for_platform_admins_only()
    {
        using var owner = await SignedInAsync();
        var response = await owner.GetAsync("/ops");
        // Access denied leads to the "not allowed" page (403, in the merchant's words), not to "not found".
        Assert.True(DashboardAppFactory.IsRedirectTo(response, "/forbidden"), $"owner got {(int)response.StatusCode} {response.Headers.Location}");
        var refused = await owner.GetAsync(response.Headers.Location!);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains(UiText.Get("forbidden", arabic: true), page);
        Assert.Contains("data-testid=\"skip-link\"", page);
        var missing = await owner.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var missingPage = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Contains(UiText.Get("notFound", arabic: true), missingPage);
        Assert.DoesNotContain(UiText.Get("forbidden", arabic: true), missingPage);
        Assert.DoesNotContain("data-testid=\"ops-stats\"", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("data-testid=\"nav-operations\"", await owner.GetStringAsync("/"));
    }

    [Fact]
    public async Task Operations_shows_the_queue_and_deliveries_and_replays_one()
    {
        // A failed delivery in the shared database (the Webhooks service stores them there); the page reads it in-process.
        var deliveryId = await fixture.Base.ScalarAsync<long>("""
            INSERT INTO webhook_deliveries (platform, object, body, status, received_at, error)
            VALUES ('instagram', 'instagram', '\x7b7d', 'failed', now() + interval '100 years', 'ops page test') RETURNING id
            """);

        using var admin = await SignedInAsync(email: DashboardPagesFixture.AdminEmail, password: DashboardPagesFixture.AdminPassword);
        var html = await admin.GetStringAsync("/ops");
        Assert.Contains("data-testid=\"ops-stats\"", html);
        Assert.Contains($"data-testid=\"delivery\" data-id=\"{deliveryId}\" data-status=\"failed\"", html);
        // States and platforms in the page's language, not as stored.
        var row = Regex.Match(WebUtility.HtmlDecode(html), $"data-id=\"{deliveryId}\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains(UiText.Get("platform.instagram", arabic: true), row);
        Assert.Contains(UiText.Get("ops.delivery.failed", arabic: true), row);
        Assert.DoesNotContain(">failed<", row);

        var replayed = WebUtility.HtmlDecode(await PostFormAsync(admin, "/ops", $"replay-{deliveryId}", new()));
        Assert.Contains(UiText.Get("ops.replayed", arabic: true), replayed);
        Assert.Contains($"data-testid=\"delivery\" data-id=\"{deliveryId}\" data-status=\"received\"", replayed);
        Assert.Equal(1, await fixture.Base.ScalarAsync<long>($"SELECT count(*) FROM webhook_deliveries WHERE id = {deliveryId} AND status = 'received' AND error IS NULL"));
    }

    [Fact]
    public async Task Simulator_explains_when_the_webhooks_service_is_down()
    {
        using var admin = await SignedInAsync(fixture.WebhooksDown, DashboardPagesFixture.AdminEmail, DashboardPagesFixture.AdminPassword);
        var sim = await PostFormAsync(admin, "/simulator", "say", new() { ["customer"] = "700000000000123", ["text"] = "هلو شكد السعر" });
        Assert.Contains("data-testid=\"sim-error\"", sim);
        // The text was not sent: it is back in the box, ready to send again.
        Assert.Matches("<input name=\"text\" value=\"هلو شكد السعر\"[^>]*data-testid=\"sim-input\"", System.Net.WebUtility.HtmlDecode(sim));
    }

    [Fact]
    public async Task Simulator_post_reaches_the_webhooks_service_as_a_signed_delivery()
    {
        using var client = await SignedInAsync();
        var before = await fixture.Webhooks.ScalarAsync("SELECT count(*) FROM webhook_deliveries");
        const string customer = "700000000000777";
        var html = await PostFormAsync(client, "/simulator", "say", new() { ["customer"] = customer, ["text"] = "شكد سعر القميص؟" });
        Assert.DoesNotContain("data-testid=\"sim-error\"", html);
        Assert.Contains("data-testid=\"sim-pending\"", html);
        Assert.Equal(before + 1, await fixture.Webhooks.ScalarAsync("SELECT count(*) FROM webhook_deliveries"));
        Assert.Equal(1, await fixture.Webhooks.ScalarAsync(
            $"SELECT count(*) FROM webhook_deliveries WHERE position(convert_to('{customer}', 'UTF8') in body) > 0 AND platform = 'instagram'"));

        // The page answering the post names its GET address (app.js puts it in the address bar, so a refresh never posts
        // again), and its thread is the live (interactive) one, which shows the message as sent until the Worker stored it.
        Assert.Contains($"data-replace-url=\"/simulator?customer={customer}\"", html);
        Assert.Contains("data-testid=\"sim-thread\"", html);
        Assert.Contains("\"type\":\"server\"", WebUtility.HtmlDecode(html));

        // The simulated customer has a name (Instagram sends none): shown on the page and already on the contact the
        // pipeline will upsert, so the inbox shows it instead of the raw id.
        var name = AiSales.Dashboard.Simulator.SimulatorSession.CustomerName(customer);
        Assert.Contains(name, WebUtility.HtmlDecode(html));
        Assert.Equal(name, await Db.ScalarAsync<string>(
            $"SELECT k.display_name FROM contacts k JOIN channel_accounts a ON a.id = k.channel_account_id WHERE a.provider = 'sandbox' AND a.merchant_id = '{DashboardAppFactory.DemoMerchantId}' AND k.external_id = '{customer}'"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
