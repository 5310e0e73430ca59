using System.Diagnostics.Metrics;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Pipeline;
using AiSales.Worker.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AiSales.Tests.Monitoring;

/// <summary>
/// The Worker's channel health watch on a clock the test moves: a number that goes silent or whose sends keep failing
/// gets one alert, told once to each owner's verified WhatsApp (a staff_messages row), resolved when it recovers; a
/// number without traffic gets nothing; two Workers checking at once still tell the owner once.
/// </summary>
public sealed class ChannelHealthWatchTests : IAsyncLifetime
{
    private const string Number = "106540352240001";
    private readonly PipelineHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task A_number_that_goes_silent_gets_one_alert_told_once_to_the_owner_and_resolved_when_events_return()
    {
        var number = await NumberAsync(Number);
        var quiet = await NumberAsync("106540352240002"); // connected, never had traffic
        var (owner, agent, unverified) = await TeamAsync(number);
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, ChannelSignalsPipelineTests.Text(Number, "wamid.before"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        clock.Advance(TimeSpan.FromHours(5));
        Assert.True(await Watch(clock).RunOnceAsync(default));
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM channel_alerts"));

        clock.Advance(TimeSpan.FromHours(1.5));
        // Two Workers at the same moment: one checks, the other finds the lock taken or the alert already told.
        await Task.WhenAll(Watch(clock).RunOnceAsync(default), Watch(clock).RunOnceAsync(default));
        await Watch(clock).RunOnceAsync(default);

        var alert = await _host.RowAsync("SELECT id, channel_account_id, kind, opened_at, resolved_at, notified_at FROM channel_alerts");
        Assert.Equal(number, alert["channel_account_id"]);
        Assert.Equal("deliveries_stopped", alert["kind"]);
        Assert.Null(alert["resolved_at"]);
        Assert.NotNull(alert["notified_at"]);
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM channel_alerts WHERE channel_account_id = $1", quiet));
        var told = Assert.Single(await _host.RowsAsync("SELECT staff_phone_id, direction, status, intent, text FROM staff_messages"));
        Assert.Equal((owner, "outbound", "alert.deliveries_stopped"), ((Guid)told["staff_phone_id"]!, told["direction"], told["intent"]));
        // Queued for the Worker's sender (this host's number has no token, so the send may already have failed).
        Assert.Contains((string)told["status"]!, new[] { "pending", "sending", "failed" });
        Assert.Contains(Number, (string)told["text"]!);
        Assert.Contains($"/channels/{number}/health", (string)told["text"]!);
        Assert.DoesNotContain(await _host.RowsAsync("SELECT staff_phone_id FROM staff_messages"), r => (Guid)r["staff_phone_id"]! == agent || (Guid)r["staff_phone_id"]! == unverified);

        // The customer writes again: the next check closes the alert, and tells nobody anything new.
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, ChannelSignalsPipelineTests.Text(Number, "wamid.after"));
        await _host.ExecAsync("UPDATE messages SET created_at = $1 WHERE external_id = 'wamid.after'", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(1));
        await Watch(clock).RunOnceAsync(default);

        Assert.Equal(clock.GetUtcNow().UtcDateTime, await _host.ScalarAsync<DateTime>("SELECT resolved_at FROM channel_alerts WHERE id = $1", alert["id"]), TimeSpan.FromMilliseconds(1));
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM staff_messages"));
    }

    [Fact]
    public async Task Sends_that_fail_in_a_row_open_an_alert_that_a_successful_send_resolves()
    {
        var number = await NumberAsync(Number);
        var (owner, _, _) = await TeamAsync(number);
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, ChannelSignalsPipelineTests.Text(Number, "wamid.c1"));
        var conversation = await _host.ScalarAsync<Guid>("SELECT id FROM conversations WHERE channel_account_id = $1", number);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        await SendAsync(number, conversation, "sent", null, clock.GetUtcNow().AddMinutes(-30));
        for (var i = 0; i < 4; i++) await SendAsync(number, conversation, "failed", "131047", clock.GetUtcNow().AddMinutes(-20 + i));

        await Watch(clock).RunOnceAsync(default);
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM channel_alerts"));

        await SendAsync(number, conversation, "failed", "130472", clock.GetUtcNow().AddMinutes(-10));
        await Watch(clock).RunOnceAsync(default);
        var alert = await _host.RowAsync("SELECT id, kind, detail::text AS detail FROM channel_alerts WHERE resolved_at IS NULL");
        Assert.Equal("sends_failing", alert["kind"]);
        Assert.Contains("131047", (string)alert["detail"]!);
        Assert.Contains("130472", (string)alert["detail"]!);
        var told = await _host.RowAsync("SELECT staff_phone_id, intent FROM staff_messages");
        Assert.Equal((owner, "alert.sends_failing"), ((Guid)told["staff_phone_id"]!, told["intent"]));

        await SendAsync(number, conversation, "sent", null, clock.GetUtcNow().AddMinutes(-1));
        await Watch(clock).RunOnceAsync(default);
        Assert.NotNull(await _host.ScalarAsync<DateTime?>("SELECT resolved_at FROM channel_alerts WHERE id = $1", alert["id"]));
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM staff_messages"));
    }

    [Fact]
    public async Task An_alert_waits_for_an_owner_with_a_verified_phone_and_is_then_told_once()
    {
        var number = await NumberAsync(Number);
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, ChannelSignalsPipelineTests.Text(Number, "wamid.w1"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(7));

        await Watch(clock).RunOnceAsync(default);
        Assert.Null(await _host.ScalarAsync<DateTime?>("SELECT notified_at FROM channel_alerts"));

        var (owner, _, _) = await TeamAsync(number);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Watch(clock).RunOnceAsync(default);
        await Watch(clock).RunOnceAsync(default);

        Assert.Equal(clock.GetUtcNow().UtcDateTime, await _host.ScalarAsync<DateTime>("SELECT notified_at FROM channel_alerts"), TimeSpan.FromMilliseconds(1));
        Assert.Equal(owner, await _host.ScalarAsync<Guid>("SELECT staff_phone_id FROM staff_messages"));
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM staff_messages"));
    }

    private ChannelHealthWatch Watch(TimeProvider clock) => new(
        _host.Services.GetRequiredService<NpgsqlDataSource>(), _host.Services.GetRequiredService<PostgresOutbox>(),
        Microsoft.Extensions.Options.Options.Create(new ChannelHealthWatchOptions()), clock,
        _host.Services.GetRequiredService<IMeterFactory>(), NullLogger<ChannelHealthWatch>.Instance);

    private Task<Guid> NumberAsync(string phoneNumberId) => _host.ScalarAsync<Guid>(
        "INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name) VALUES ($1, 'whatsapp', 'meta', $2, NULL) RETURNING id",
        _host.MerchantId, phoneNumberId);

    /// <summary>An owner with a verified phone, an agent with a verified phone, an owner whose phone is not verified yet.</summary>
    private async Task<(Guid Owner, Guid Agent, Guid Unverified)> TeamAsync(Guid number) =>
        (await MemberPhoneAsync(number, "owner", "9647700000101", verified: true),
         await MemberPhoneAsync(number, "agent", "9647700000102", verified: true),
         await MemberPhoneAsync(number, "owner", "9647700000103", verified: false));

    private async Task<Guid> MemberPhoneAsync(Guid number, string role, string phone, bool verified)
    {
        var user = await _host.ScalarAsync<Guid>("INSERT INTO users (user_name) VALUES ($1) RETURNING id", $"{role}-{phone}");
        await _host.ExecAsync("INSERT INTO merchant_members (merchant_id, user_id, role) VALUES ($1, $2, $3)", _host.MerchantId, user, role);
        return await _host.ScalarAsync<Guid>("""
            INSERT INTO staff_phones (merchant_id, user_id, channel_account_id, phone, verified_at)
            VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END) RETURNING id
            """, _host.MerchantId, user, number, phone, verified);
    }

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
}
