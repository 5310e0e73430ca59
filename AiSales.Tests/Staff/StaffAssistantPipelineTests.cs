using AiSales.Core.Analytics;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Staff;

/// <summary>
/// A team member's WhatsApp message through the running Worker: signed-in-shaped WhatsApp webhooks from a linked number
/// reach the staff assistant (never the customer pipeline), commands change what the dashboard shows through the same
/// actions and audit rows, owner-only commands are refused to agents, destructive ones wait for "yes", and questions get
/// the numbers of the dashboard's own queries. Answers go out through the shop's WhatsApp number (sandbox provider).
/// </summary>
public sealed class StaffAssistantPipelineTests : IAsyncLifetime
{
    private const string ShopNumber = "409552778964973";
    private readonly PipelineHost _host = new();
    private Guid _account;
    private Guid _contact;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _account = await _host.ScalarAsync<Guid>(
            "UPDATE channel_accounts SET provider = 'sandbox' WHERE platform = 'whatsapp' AND external_id = $1 RETURNING id", ShopNumber);
        _contact = await _host.ScalarAsync<Guid>("""
            INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, label)
            VALUES ($1, $2, '9647800000001', 'زينب علي', 'hot') RETURNING id
            """, _host.MerchantId, _account);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task A_linked_owner_ships_an_order_from_WhatsApp_and_the_change_is_audited()
    {
        var (user, _) = await LinkAsync("9647701000001", "owner");
        var number = await OrderAsync("confirmed", 45000, "Basra");

        var reply = await SayAsync("9647701000001", $"الطلب {number} انشحن");

        Assert.Contains($"#{number}", reply);
        Assert.Contains("انشحن", reply);
        Assert.Equal("shipped", await _host.ScalarAsync<string>("SELECT status FROM orders WHERE merchant_id = $1 AND number = $2", _host.MerchantId, number));
        var audit = await _host.RowAsync("SELECT actor_user_id, details::text AS details FROM audit_log WHERE action = 'order.status_changed' ORDER BY created_at DESC LIMIT 1");
        Assert.Equal(user, audit["actor_user_id"]);
        Assert.Contains("\"via\":\"whatsapp\"", ((string)audit["details"]!).Replace(" ", ""));
        // Never the customer path: no contact, conversation or reply job for the team member's number.
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM contacts WHERE external_id = '9647701000001'"));
        Assert.Empty(await QueueWork.HeldAsync<GenerateReply>(_host.Services));
    }

    [Fact]
    public async Task An_unlinked_or_unverified_number_is_a_customer_as_before()
    {
        var user = await _host.ScalarAsync<Guid>("INSERT INTO users (user_name) VALUES ('pending-member') RETURNING id");
        await _host.ExecAsync("INSERT INTO merchant_members (merchant_id, user_id, role) VALUES ($1, $2, 'agent')", _host.MerchantId, user);
        // Waiting for its code: not verified, so still a customer.
        await _host.ExecAsync("INSERT INTO staff_phones (merchant_id, user_id, channel_account_id, phone) VALUES ($1, $2, $3, '9647701000009')",
            _host.MerchantId, user, _account);

        foreach (var phone in new[] { "9647701000008", "9647701000009" })
            await _host.DeliverAsync(ChannelPlatform.WhatsApp, WhatsApp(phone, "طلبات اليوم"));

        Assert.Equal(2L, await _host.ScalarAsync<long>("SELECT count(*) FROM contacts WHERE external_id IN ('9647701000008', '9647701000009')"));
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM staff_messages"));
        Assert.Equal(2, (await QueueWork.HeldAsync<GenerateReply>(_host.Services)).Count);
    }

    [Fact]
    public async Task An_agent_cannot_cancel_but_an_owner_can_after_saying_yes()
    {
        await LinkAsync("9647701000002", "agent");
        await LinkAsync("9647701000003", "owner");
        var number = await OrderAsync("confirmed", 30000, "Baghdad");

        var refused = await SayAsync("9647701000002", $"الغي الطلب {number}");
        Assert.Contains("لصاحب المتجر", refused);

        var asked = await SayAsync("9647701000003", $"cancel order {number}");
        Assert.Contains("yes", asked);
        Assert.Equal("confirmed", await StatusAsync(number));

        var done = await SayAsync("9647701000003", "yes");
        Assert.Contains("cancelled", done);
        Assert.Equal("cancelled", await StatusAsync(number));
        Assert.Equal(1L, await _host.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'order.status_changed' AND entity_id = (SELECT id::text FROM orders WHERE number = $1 AND merchant_id = $2)",
            number, _host.MerchantId));

        var again = await SayAsync("9647701000003", "yes");
        Assert.Contains("Nothing is waiting", again);
    }

    [Fact]
    public async Task Questions_get_the_numbers_of_the_dashboards_own_queries()
    {
        await LinkAsync("9647701000004", "agent");
        await OrderAsync("confirmed", 25000, "Basra");
        await OrderAsync("shipped", 40000, "Basra");
        await OrderAsync("cancelled", 99000, "Basra");

        var reply = await SayAsync("9647701000004", "how many orders to Basra this month?");

        var figures = await _host.Services.GetRequiredService<OrderFigures>().SalesAsync(_host.MerchantId,
            AnalyticsRange.LastDays(1, TimeZoneInfo.FindSystemTimeZoneById("Asia/Baghdad"), TimeProvider.System) is var today
                ? new AnalyticsRange(new DateOnly(today.To.Year, today.To.Month, 1), today.To) : today, "Basra");
        Assert.True(figures.Orders >= 2);
        Assert.Contains($"Orders this month to Basra: {figures.Orders}, {figures.RevenueIqd:N0} IQD", reply);
        Assert.Contains("cancelled, not counted", reply);
    }

    [Fact]
    public async Task Pausing_the_shop_stops_customer_replies_until_resumed()
    {
        await LinkAsync("9647701000005", "owner");
        Assert.Contains("نعم", await SayAsync("9647701000005", "وقف البوت"));
        Assert.Contains("موقف", await SayAsync("9647701000005", "نعم"));
        Assert.Equal("true", await _host.ScalarAsync<string>("SELECT ai_settings->>'paused' FROM merchants WHERE id = $1", _host.MerchantId));

        Assert.Contains("رجع", await SayAsync("9647701000005", "شغل البوت"));
        Assert.Equal("false", await _host.ScalarAsync<string>("SELECT ai_settings->>'paused' FROM merchants WHERE id = $1", _host.MerchantId));
    }

    [Fact]
    public async Task A_redelivered_job_answers_once()
    {
        var (_, phone) = await LinkAsync("9647701000006", "agent");
        await SayAsync("9647701000006", "help");
        var inbound = await _host.ScalarAsync<Guid>("SELECT id FROM staff_messages WHERE staff_phone_id = $1 AND direction = 'inbound'", phone);

        await _host.InvokeAsync(new HandleStaffMessage(inbound));

        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM staff_messages WHERE staff_phone_id = $1 AND direction = 'outbound'", phone));
    }

    [Fact]
    public async Task An_answer_whatsapp_fails_later_shows_as_failed_with_the_reason()
    {
        var (_, phone) = await LinkAsync("9647701000007", "owner");
        await SayAsync("9647701000007", "help");
        var wamid = await _host.ScalarAsync<string>("SELECT external_id FROM staff_messages WHERE staff_phone_id = $1 AND direction = 'outbound'", phone);
        Assert.False(string.IsNullOrEmpty(wamid));

        // The real 131047 status payload (more than 24 hours since the member wrote), for this answer and this shop number.
        var failed = System.Text.Encoding.UTF8.GetString(AiSales.Tests.Inbound.MetaFixtures.Bytes("whatsapp_status_failed_131047_bindambc.json"))
            .Replace("wamid.HBgNN5NzAzMDkTUyNzkzNhUEjA1MjUwNCAUIyNEYUQ0OTVGNTY0MwA=", wamid)
            .Replace("109999999999999", ShopNumber);
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, failed);

        var row = await _host.RowAsync("SELECT status, error FROM staff_messages WHERE staff_phone_id = $1 AND direction = 'outbound'", phone);
        Assert.Equal("failed", row["status"]);
        Assert.StartsWith("131047", (string)row["error"]!);
    }

    private async Task<(Guid User, Guid StaffPhone)> LinkAsync(string phone, string role)
    {
        var user = await _host.ScalarAsync<Guid>("INSERT INTO users (user_name) VALUES ($1) RETURNING id", "member-" + phone);
        await _host.ExecAsync("INSERT INTO merchant_members (merchant_id, user_id, role) VALUES ($1, $2, $3)", _host.MerchantId, user, role);
        var staffPhone = await _host.ScalarAsync<Guid>("""
            INSERT INTO staff_phones (merchant_id, user_id, channel_account_id, phone, verified_at) VALUES ($1, $2, $3, $4, now()) RETURNING id
            """, _host.MerchantId, user, _account, phone);
        return (user, staffPhone);
    }

    private async Task<long> OrderAsync(string status, long total, string governorate) =>
        await _host.ScalarAsync<long>("""
            INSERT INTO orders (merchant_id, contact_id, status, customer_name, governorate, items_total_iqd, total_iqd)
            VALUES ($1, $2, $3, 'زينب', $4, $5, $5) RETURNING number
            """, _host.MerchantId, _contact, status, governorate, total);

    private Task<string> StatusAsync(long number) =>
        _host.ScalarAsync<string>("SELECT status FROM orders WHERE merchant_id = $1 AND number = $2", _host.MerchantId, number);

    /// <summary>Sends a WhatsApp text from <paramref name="phone"/> and returns the assistant's answer once it was sent.</summary>
    private async Task<string> SayAsync(string phone, string text)
    {
        const string SentSql = """
            SELECT count(*) FROM staff_messages m JOIN staff_phones p ON p.id = m.staff_phone_id
            WHERE p.phone = $1 AND m.direction = 'outbound' AND m.status = 'sent'
            """;
        var before = await _host.ScalarAsync<long>(SentSql, phone);
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, WhatsApp(phone, text));
        await Eventually.UntilAsync(async () => await _host.ScalarAsync<long>(SentSql, phone) > before, $"the answer to \"{text}\"");
        return await _host.ScalarAsync<string>("""
            SELECT m.text FROM staff_messages m JOIN staff_phones p ON p.id = m.staff_phone_id
            WHERE p.phone = $1 AND m.direction = 'outbound' ORDER BY m.created_at DESC LIMIT 1
            """, phone);
    }

    private static string WhatsApp(string from, string text) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"880480571844883","changes":[{"field":"messages","value":{
        "messaging_product":"whatsapp","metadata":{"display_phone_number":"9647000000000","phone_number_id":"{{{ShopNumber}}}"},
        "contacts":[{"profile":{"name":"Team"},"wa_id":"{{{from}}}"}],
        "messages":[{"from":"{{{from}}}","id":"wamid.{{{Guid.NewGuid():N}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}","type":"text","text":{"body":{{{System.Text.Json.JsonSerializer.Serialize(text)}}}}}]}}]}]}
        """;
}
