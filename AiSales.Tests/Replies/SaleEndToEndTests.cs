using AiSales.Core.Conversations;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Sending;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace AiSales.Tests.Replies;

/// <summary>
/// The sale through the real Worker: what a conversation establishes is saved with each reply, the order is written
/// with its stock reservation and the phone lands on the contact; a hand-off keeps the customer answered until a person
/// writes; a hand-back answers at once; a person's chat still moves the lead.
/// </summary>
public sealed class SaleEndToEndTests
{
    private static async Task<EndToEndHost> StartAsync()
    {
        var host = new EndToEndHost();
        await host.InitializeAsync();
        return host;
    }

    private static Task StopAsync(EndToEndHost host) => ((IAsyncLifetime)host).DisposeAsync();

    /// <summary>Delivers a customer message and waits until the AI has answered it (or until the queue is idle).</summary>
    private static async Task<string?> SayAsync(EndToEndHost host, string customer, string mid, string text)
    {
        var before = await host.ScalarAsync<long>("SELECT count(*) FROM messages WHERE author = 'ai'");
        await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText(mid, customer, text, DateTimeOffset.UtcNow));
        await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));
        var after = await host.ScalarAsync<long>("SELECT count(*) FROM messages WHERE author = 'ai'");
        return after > before ? await host.ScalarAsync<string>("SELECT text FROM messages WHERE author = 'ai' ORDER BY created_at DESC LIMIT 1") : null;
    }

    [Fact]
    public async Task An_order_placed_in_the_chat_is_saved_with_its_items_reserves_stock_and_wins_the_lead()
    {
        var host = await StartAsync();
        try
        {
            Assert.Contains("25,000", await SayAsync(host, "8101", "mid.o1", "شكد سعر القميص؟"));
            var ask = await SayAsync(host, "8101", "mid.o2", "اريد ثنين");
            Assert.Contains("المحافظة", ask);
            var summary = await SayAsync(host, "8101", "mid.o3", "بغداد المنصور قرب جامع الرحمن 0770 123 4567");
            Assert.True(summary?.Contains("55,000") == true, summary); // 2 × 25,000 + 5,000 delivery
            Assert.Equal(0L, await host.ScalarAsync<long>("SELECT count(*) FROM orders"));
            var placed = await SayAsync(host, "8101", "mid.o4", "اي");
            Assert.Contains("✅", placed);
            // The customer is told the order's number, the one the shop's team and the Orders page use.
            Assert.Contains($"#{await host.ScalarAsync<long>("SELECT number FROM orders")}", placed);

            var order = Assert.Single(await host.RowsAsync("SELECT status, governorate, phone, address, delivery_fee_iqd, total_iqd FROM orders"));
            Assert.Equal("confirmed", order["status"]);
            Assert.Equal("Baghdad", order["governorate"]);
            Assert.Equal("07701234567", order["phone"]);
            Assert.Equal(5_000L, order["delivery_fee_iqd"]);
            Assert.Equal(55_000L, order["total_iqd"]);
            var item = Assert.Single(await host.RowsAsync("SELECT product_id, quantity, unit_price_iqd FROM order_items"));
            Assert.Equal(host.ProductId, item["product_id"]);
            Assert.Equal(2, item["quantity"]);
            Assert.Equal(EndToEndHost.ProductPrice, item["unit_price_iqd"]);
            Assert.Equal(8, await host.ScalarAsync<int>("SELECT stock FROM products WHERE id = $1", host.ProductId));
            var contact = Assert.Single(await host.RowsAsync("SELECT phone, stage FROM contacts"));
            Assert.Equal("07701234567", contact["phone"]);
            Assert.Equal("won", contact["stage"]);
            Assert.Equal("ordered", await host.ScalarAsync<string>("SELECT sales_state->>'step' FROM conversations"));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task Stock_sold_meanwhile_is_never_reserved_below_zero()
    {
        var host = await StartAsync();
        try
        {
            await SayAsync(host, "8102", "mid.s1", "اريد قميص");
            await SayAsync(host, "8102", "mid.s2", "البصرة حي الجزائر قرب الجامع 07801112233");
            await host.ExecAsync("UPDATE products SET stock = 0");
            var reply = await SayAsync(host, "8102", "mid.s3", "اي");

            Assert.Equal(0L, await host.ScalarAsync<long>("SELECT count(*) FROM orders"));
            Assert.Equal(0, await host.ScalarAsync<int>("SELECT stock FROM products"));
            Assert.Contains("خلص", reply); // said plainly, from the catalog as it is now
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task After_a_hand_off_the_customer_is_answered_until_a_person_writes()
    {
        var host = await StartAsync();
        try
        {
            var handoff = await SayAsync(host, "8103", "mid.h1", "اريد احچي ويه موظف");
            Assert.False(string.IsNullOrWhiteSpace(handoff));
            Assert.Equal("human", await host.ScalarAsync<string>("SELECT owner FROM conversations"));

            // Nobody from the shop has written yet: the customer is not left in silence.
            Assert.Contains("25,000", await SayAsync(host, "8103", "mid.h2", "شكد سعر القميص؟"));

            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgEcho("mid.h3", "8103", "هلا عيني، وياك فلان", DateTimeOffset.UtcNow));
            Assert.Null(await SayAsync(host, "8103", "mid.h4", "تمام شكرا"));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_hand_back_answers_what_the_customer_asked_while_the_person_had_the_chat()
    {
        var host = await StartAsync();
        try
        {
            await SayAsync(host, "8104", "mid.b1", "هلو");
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgEcho("mid.b2", "8104", "هلا بيك، شلون اكدر اساعدك؟", DateTimeOffset.UtcNow));
            Assert.Null(await SayAsync(host, "8104", "mid.b3", "شكد سعر القميص؟"));

            // The merchant hands the chat back (the dashboard's action: owner, then the pending reply).
            await host.ExecAsync("UPDATE conversations SET owner = 'ai', owner_changed_at = now(), needs_attention = false");
            var conversationId = await host.ScalarAsync<Guid>("SELECT id FROM conversations");
            var handBack = new HandBackReply(host.Services.GetRequiredService<NpgsqlDataSource>(), host.Services.GetRequiredService<PostgresOutbox>());
            Assert.True(await handBack.ScheduleAsync(host.MerchantId, conversationId, CancellationToken.None));
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            var answer = await host.ScalarAsync<string>("SELECT text FROM messages WHERE author = 'ai' ORDER BY created_at DESC LIMIT 1");
            Assert.Contains("25,000", answer); // answered at once, not after the 30-minute human quiet period
            Assert.False(await handBack.ScheduleAsync(host.MerchantId, conversationId, CancellationToken.None)); // nothing left to answer
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_persons_chat_still_moves_the_lead()
    {
        var host = await StartAsync();
        try
        {
            await SayAsync(host, "8105", "mid.l1", "هلو");
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgEcho("mid.l2", "8105", "هلا بيك", DateTimeOffset.UtcNow));
            Assert.Null(await SayAsync(host, "8105", "mid.l3", "اريد اطلب قميص، رقمي 07701234567"));

            Assert.Equal("ordering", await host.ScalarAsync<string>("SELECT stage FROM contacts"));
        }
        finally
        {
            await StopAsync(host);
        }
    }
}
