using AiSales.Tests.Infrastructure;
using static AiSales.Tests.Dashboard.SampleOrders;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// A shipped or delivered order is told to the customer in the chat it came from, in the chat's
/// language, while the platform's 24-hour window allows a message from the shop; outside it nothing is sent and the
/// status change's audit row says why.
/// </summary>
public sealed partial class OrdersPageTests
{
    [Fact]
    public async Task Shipping_and_delivering_an_order_tell_the_customer_in_their_chat()
    {
        var seeded = await OrderAsync(App.ConnectionString, Demo, "confirmed", [new(null, "قميص", 1, 25000)]);
        var number = await App.ScalarAsync<long>($"SELECT number FROM orders WHERE id = '{seeded.OrderId}'");
        using var client = await SignedInAsync();

        await MoveAsync(client, seeded.OrderId, "shipped");
        await MoveAsync(client, seeded.OrderId, "delivered");

        var told = await TestSql.RowsAsync(App.ConnectionString, $"""
            SELECT m.text, m.author, s.state FROM messages m JOIN outbound_sends s ON s.message_id = m.id
            WHERE m.conversation_id = '{seeded.ConversationId}' AND m.direction = 'outbound' ORDER BY m.created_at
            """);
        Assert.Equal(2, told.Count);
        Assert.Equal($"طلبك رقم #{number} انشحن 🚚 المندوب راح يتصل بيك قبل التوصيل.", told[0]["text"]);
        Assert.StartsWith($"وصل طلبك رقم #{number} ✅", (string)told[1]["text"]!);
        Assert.All(told, m => Assert.Equal(("ai", "pending"), (m["author"], m["state"])));
        Assert.Equal("queued,queued", await App.ScalarAsync<string>(
            $"SELECT string_agg(details->>'customer', ',' ORDER BY created_at) FROM audit_log WHERE action = 'order.status_changed' AND entity_id = '{seeded.OrderId}'"));
    }

    [Fact]
    public async Task An_english_chat_is_told_in_english()
    {
        var seeded = await OrderAsync(App.ConnectionString, Demo, "confirmed", [new(null, "Shirt", 1, 25000)]);
        await App.ExecuteAsync($"UPDATE conversations SET sales_state = jsonb_set(sales_state, '{{language}}', '\"en\"') WHERE id = '{seeded.ConversationId}'");
        using var client = await SignedInAsync();

        await MoveAsync(client, seeded.OrderId, "shipped");

        Assert.StartsWith("Your order #", await App.ScalarAsync<string>(
            $"SELECT text FROM messages WHERE conversation_id = '{seeded.ConversationId}' AND direction = 'outbound'"));
    }

    [Fact]
    public async Task Outside_the_messaging_window_nothing_is_sent_and_the_audit_says_why()
    {
        var seeded = await OrderAsync(App.ConnectionString, Demo, "confirmed", [new(null, "قميص", 1, 25000)]);
        await App.ExecuteAsync($"UPDATE conversations SET last_customer_message_at = now() - interval '2 days' WHERE id = '{seeded.ConversationId}'");
        using var client = await SignedInAsync();

        await MoveAsync(client, seeded.OrderId, "shipped");

        Assert.Equal("shipped", await App.ScalarAsync<string>($"SELECT status FROM orders WHERE id = '{seeded.OrderId}'"));
        Assert.Equal(0L, await App.ScalarAsync<long>($"SELECT count(*) FROM messages WHERE conversation_id = '{seeded.ConversationId}' AND direction = 'outbound'"));
        Assert.Equal("outside_window", await App.ScalarAsync<string>(
            $"SELECT details->>'customer' FROM audit_log WHERE action = 'order.status_changed' AND entity_id = '{seeded.OrderId}'"));
    }
}
