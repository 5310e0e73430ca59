using AiSales.Core.Channels.Health;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiSales.Tests.Monitoring;

/// <summary>
/// What Meta reports about a WhatsApp number (real fixture payloads and Meta's documented quality update) goes through
/// the Worker into channel_signals and comes out of the health page's query (monitoring).
/// </summary>
public sealed class ChannelSignalsPipelineTests : IAsyncLifetime
{
    // The WABA id of whatsapp_template_status_rejected_bindambc.json: PipelineHost connects it as an account.
    private const string Waba = "880480871844883";
    private readonly PipelineHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task Account_and_template_fixtures_are_stored_as_signals_and_shown_by_the_query()
    {
        await _host.DeliverFixtureAsync("whatsapp_account_update_disabled_bindambc.json");
        await _host.DeliverFixtureAsync("whatsapp_template_status_rejected_bindambc.json");
        await _host.DeliverFixtureAsync("whatsapp_template_status_rejected_bindambc.json"); // Meta's retry: one row

        var disabled = await AccountAsync("whatsapp-business-account-id");
        var account = await _host.RowAsync("SELECT kind, value, detail->>'field' AS field, detail->'value'->'ban_info'->>'waba_ban_state' AS ban FROM channel_signals WHERE channel_account_id = $1", disabled);
        Assert.Equal("account", account["kind"]);
        Assert.Equal("DISABLED_UPDATE", account["value"]);
        Assert.Equal("account_update", account["field"]);
        Assert.Equal("SCHEDULE_FOR_DISABLE", account["ban"]);

        var waba = await AccountAsync(Waba);
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM channel_signals WHERE channel_account_id = $1", waba));
        var health = await QueryAsync(waba);
        var template = Assert.Single(health.Templates);
        Assert.Equal(("schedule_confirmation4", "REJECTED", "SCAM"), (template.Name, template.Status, template.Reason));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1674250641), template.ReceivedAt);
        Assert.Null(health.Account);
        Assert.Equal("DISABLED_UPDATE", (await QueryAsync(disabled)).Account?.Value);
    }

    [Fact]
    public async Task A_template_status_webhook_updates_the_stored_template_so_a_rejected_one_is_not_sent()
    {
        var waba = await AccountAsync(Waba);
        await _host.ExecAsync("""
            INSERT INTO whatsapp_templates (merchant_id, channel_account_id, name, language, status, body, parameters) VALUES
                ($1, $2, 'schedule_confirmation4', 'pt_BR', 'APPROVED', 'Olá {{1}}', '{1}'),
                ($1, $2, 'schedule_confirmation4', 'en_US', 'APPROVED', 'Hi {{1}}', '{1}')
            """, _host.MerchantId, waba);

        await _host.DeliverFixtureAsync("whatsapp_template_status_rejected_bindambc.json");

        // Only the language the webhook names changes.
        var statuses = await _host.RowsAsync("SELECT language, status FROM whatsapp_templates ORDER BY language");
        Assert.Equal([("en_US", "APPROVED"), ("pt_BR", "REJECTED")], statuses.Select(r => ((string)r["language"]!, (string)r["status"]!)));
    }

    [Fact]
    public async Task A_quality_update_under_the_WABA_reaches_the_number_named_by_its_display_phone()
    {
        // Numbers connected by phone number id, their WABA in settings: the way a WhatsApp number routes in production.
        var flagged = await NumberAsync("700000000001", """{"waba_id":"102290129340398","display_phone_number":"+964 770 000 0001"}""");
        var other = await NumberAsync("700000000002", """{"waba_id":"102290129340398","display_phone_number":"+964 770 000 0002"}""");
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds();

        await _host.DeliverAsync(ChannelPlatform.WhatsApp, Quality("102290129340398", at, """
            "display_phone_number":"9647700000001","event":"FLAGGED","current_limit":"TIER_1K"
            """));
        // Meta's newer name for the tier, on a later change.
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, Quality("102290129340398", at + 60, """
            "display_phone_number":"9647700000001","event":"UPGRADE","old_limit":"TIER_1K","max_daily_conversations_per_business":"TIER_10K"
            """));

        var health = await QueryAsync(flagged);
        Assert.Equal("UPGRADE", health.Quality?.Value);
        Assert.Equal("TIER_10K", health.MessagingLimit?.Value);
        Assert.Equal(4, health.RecentSignals.Count);
        Assert.Equal(["FLAGGED", "TIER_10K", "TIER_1K", "UPGRADE"], health.RecentSignals.Select(s => s.Value!).Order(StringComparer.Ordinal));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(at + 60), health.Webhook.LastEventAt);
        Assert.Equal(4, health.Webhook.Events24h); // each change is two signals (quality and limit)
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM channel_signals WHERE channel_account_id = $1", other));
    }

    [Fact]
    public async Task A_WABA_nobody_connected_is_ignored_as_before()
    {
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, Quality("123123123123", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), """
            "display_phone_number":"15550001111","event":"FLAGGED","current_limit":"TIER_250"
            """));

        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM channel_signals"));
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM unroutable_events"));
    }

    [Fact]
    public async Task The_query_counts_inbound_events_per_hour_and_sends_by_state_and_error_code()
    {
        var number = await NumberAsync("700000000009", "{}");
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, Text("700000000009", "wamid.h1"));
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, Text("700000000009", "wamid.h2"));
        var conversation = await _host.ScalarAsync<Guid>("SELECT id FROM conversations WHERE channel_account_id = $1", number);
        foreach (var (state, code, ageHours) in new[] { ("sent", null, 1), ("failed", "131047", 2), ("failed", "131047", 30), ("failed", "130472", 3), ("pending", "131000", 0), ("sent", null, 200) })
            await SendAsync(number, conversation, state, code, DateTimeOffset.UtcNow.AddHours(-ageHours));

        var health = await QueryAsync(number);

        Assert.True(health.Webhook.Receiving);
        Assert.Equal(2, health.Webhook.Events24h);
        Assert.Equal(24, health.Webhook.PerHour.Count);
        Assert.Equal(2, health.Webhook.PerHour[^1].Events);
        Assert.Equal((1, 2, 1), (health.Sends24h.Sent, health.Sends24h.Failed, health.Sends24h.Pending));
        Assert.Equal((1, 3, 1), (health.Sends7d.Sent, health.Sends7d.Failed, health.Sends7d.Pending));
        Assert.Equal([new ErrorCount("131047", 2), new ErrorCount("130472", 1), new ErrorCount("131000", 1)], health.Sends7d.Errors);
        Assert.Equal("active", health.Status);
        Assert.Null(await ChannelHealthQueriesFor(Guid.NewGuid(), number)); // another merchant's id sees nothing
    }

    [Fact]
    public async Task A_failed_status_from_Meta_counts_as_a_failed_send_with_its_error_code()
    {
        // The number of whatsapp_status_failed_131047_bindambc.json, and a send Meta accepted under that wamid.
        var number = await AccountAsync("109999999999999");
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, Text("109999999999999", "wamid.customer.1"));
        var conversation = await _host.ScalarAsync<Guid>("SELECT id FROM conversations WHERE channel_account_id = $1", number);
        await SendAsync(number, conversation, "sent", null, DateTimeOffset.UtcNow.AddMinutes(-1));
        await _host.ExecAsync("UPDATE outbound_sends SET external_message_id = 'wamid.HBgNN5NzAzMDkTUyNzkzNhUEjA1MjUwNCAUIyNEYUQ0OTVGNTY0MwA=' WHERE channel_account_id = $1", number);

        await _host.DeliverFixtureAsync("whatsapp_status_failed_131047_bindambc.json");

        var send = await _host.RowAsync("SELECT state, last_error_code, last_error FROM outbound_sends WHERE channel_account_id = $1", number);
        Assert.Equal(("failed", "131047", "Re-engagement message"), (send["state"], send["last_error_code"], send["last_error"]));
        var health = await QueryAsync(number);
        Assert.Equal((0, 1), (health.Sends24h.Sent, health.Sends24h.Failed));
        Assert.Equal([new ErrorCount("131047", 1)], health.Sends24h.Errors);
    }

    private async Task<ChannelHealth> QueryAsync(Guid account) =>
        await ChannelHealthQueriesFor(_host.MerchantId, account) ?? throw new InvalidOperationException("no health");

    private async Task<ChannelHealth?> ChannelHealthQueriesFor(Guid merchant, Guid account)
    {
        await using var conn = await _host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await ChannelHealthQueries.GetAsync(conn, merchant, account, DateTimeOffset.UtcNow);
    }

    private Task<Guid> AccountAsync(string externalId) =>
        _host.ScalarAsync<Guid>("SELECT id FROM channel_accounts WHERE platform = 'whatsapp' AND external_id = $1", externalId);

    private Task<Guid> NumberAsync(string phoneNumberId, string settings) => _host.ScalarAsync<Guid>(
        "INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, settings) VALUES ($1, 'whatsapp', 'meta', $2, $3::jsonb) RETURNING id",
        _host.MerchantId, phoneNumberId, settings);

    private async Task SendAsync(Guid account, Guid conversation, string state, string? code, DateTimeOffset at)
    {
        var message = await _host.ScalarAsync<Guid>("""
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, status)
            VALUES ($1, $2, $3, 'outbound', 'ai', 'text', 'hi', 'sent') RETURNING id
            """, _host.MerchantId, conversation, account);
        await _host.ExecAsync("""
            INSERT INTO outbound_sends (merchant_id, message_id, channel_account_id, idempotency_key, state, last_error_code, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, _host.MerchantId, message, account, $"msg:{message:N}", state, code, at);
    }

    internal static string Quality(string waba, long at, string value) =>
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + waba + "\",\"time\":" + at +
        ",\"changes\":[{\"field\":\"phone_number_quality_update\",\"value\":{" + value.Trim() + "}}]}]}";

    internal static string Text(string phoneNumberId, string wamid) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"880480571844883","changes":[{"field":"messages","value":{
        "messaging_product":"whatsapp","metadata":{"display_phone_number":"9647700000009","phone_number_id":"{{{phoneNumberId}}}"},
        "contacts":[{"profile":{"name":"Zainab"},"wa_id":"9647701112233"}],
        "messages":[{"from":"9647701112233","id":"{{{wamid}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}","type":"text","text":{"body":"مرحبا"}}]}}]}]}
        """;
}
