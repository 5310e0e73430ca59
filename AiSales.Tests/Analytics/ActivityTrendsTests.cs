using AiSales.Core.Analytics;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.MerchantApi;
using AiSales.Tests.Persistence;

namespace AiSales.Tests.Analytics;

/// <summary>
/// The comparison over time (ActivityTrends) on a Baghdad (UTC+3) shop: an Instagram customer from an ad and a WhatsApp
/// customer with no first touch (organic), over two local days, with one message a few minutes before local midnight;
/// a second shop's rows never count. Per key and day the numbers can be checked by hand; summed they equal the page's
/// own totals (MerchantAnalytics.SummaryAsync, OrderFigures.SalesAsync).
/// </summary>
public sealed class ActivityTrendsTests : IAsyncLifetime
{
    private static readonly TimeSpan Baghdad = TimeSpan.FromHours(3);
    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new DateTimeOffset(2026, 3, day, hour, minute, 0, Baghdad).ToUniversalTime();
    private static readonly AnalyticsRange Range = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2));

    private PersistenceDatabase _db = null!;
    private TenantSeed _shop = null!;
    private ActivityTrends _trends = null!;

    public async Task InitializeAsync()
    {
        _db = await PersistenceDatabase.CreateAsync(migrate: true);
        _trends = new ActivityTrends(_db.DataSource);
        await using var ctx = _db.CreateContext();
        _shop = await TenantSeed.MerchantAsync(ctx);
        var noise = await TenantSeed.MerchantAsync(ctx);

        // Instagram, from an ad: day 1 two messages in, one AI reply, one failed AI reply (not counted), one human reply at
        // 23:55 local (still day 1); day 2 one message in and an order of 50,000 (+5,000 delivery) and a cancelled one.
        var ig = await _shop.ContactAsync(ChannelPlatform.Instagram, source: "ad", createdAt: Local(1, 9));
        var igChat = await _shop.ConversationAsync(ig, createdAt: Local(1, 9));
        await _shop.MessageAsync(igChat, MessageAuthor.Customer, Local(1, 9));
        await _shop.MessageAsync(igChat, MessageAuthor.Customer, Local(1, 9, 1));
        await _shop.MessageAsync(igChat, MessageAuthor.Ai, Local(1, 9, 2));
        await _shop.MessageAsync(igChat, MessageAuthor.Ai, Local(1, 9, 3), status: MessageStatus.Failed);
        await _shop.MessageAsync(igChat, MessageAuthor.Human, Local(1, 23, 55));
        await _shop.MessageAsync(igChat, MessageAuthor.Customer, Local(2, 10));
        await _shop.OrderAsync(ig, igChat, OrderStatus.Confirmed, Local(2, 10, 30), ("Abaya", 1, 50_000, null, null));
        await _shop.OrderAsync(ig, igChat, OrderStatus.Cancelled, Local(2, 11), ("Scarf", 1, 15_000, null, null));

        // WhatsApp, organic: day 2 one message in, one AI reply, and two orders (20,000 and 2 × 10,000, each + 5,000).
        var wa = await _shop.ContactAsync(ChannelPlatform.WhatsApp, createdAt: Local(2, 8));
        var waChat = await _shop.ConversationAsync(wa, createdAt: Local(2, 8));
        await _shop.MessageAsync(waChat, MessageAuthor.Customer, Local(2, 8));
        await _shop.MessageAsync(waChat, MessageAuthor.Ai, Local(2, 8, 1));
        await _shop.OrderAsync(wa, waChat, OrderStatus.Pending, Local(2, 9), ("Shirt", 1, 20_000, null, null));
        await _shop.OrderAsync(wa, null, OrderStatus.Delivered, Local(2, 12), ("Socks", 2, 10_000, null, null));

        // Outside the range (day 3 local) and the other shop: never counted.
        await _shop.MessageAsync(waChat, MessageAuthor.Customer, Local(3, 0, 5));
        var other = await noise.ContactAsync(ChannelPlatform.Instagram, source: "ad", createdAt: Local(1, 9));
        var otherChat = await noise.ConversationAsync(other, createdAt: Local(1, 9));
        await noise.MessageAsync(otherChat, MessageAuthor.Customer, Local(1, 9));
        await noise.OrderAsync(other, otherChat, OrderStatus.Confirmed, Local(1, 10), ("Abaya", 3, 50_000, null, null));
    }

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task By_channel_each_day_counts_messages_replies_orders_and_revenue()
    {
        var days = await _trends.DailyAsync(_shop.MerchantId, Range, ActivitySplit.Channel);

        Assert.Equal(
        [
            new ActivityDay(new(2026, 3, 1), "instagram", 2, 2, 0, 0),
            new ActivityDay(new(2026, 3, 1), "whatsapp", 0, 0, 0, 0),
            new ActivityDay(new(2026, 3, 2), "instagram", 1, 0, 1, 55_000),
            new ActivityDay(new(2026, 3, 2), "whatsapp", 1, 1, 2, 50_000),
        ], days);
    }

    [Fact]
    public async Task By_source_uses_the_first_touch_with_none_as_organic()
    {
        var days = await _trends.DailyAsync(_shop.MerchantId, Range, ActivitySplit.Source);

        Assert.Equal(["ad", "organic"], days.Select(d => d.Key).Distinct());
        Assert.Equal((3, 2, 1, 55_000L), Totals(days.Where(d => d.Key == "ad")));
        Assert.Equal((1, 1, 2, 50_000L), Totals(days.Where(d => d.Key == "organic")));
    }

    [Fact]
    public async Task Summed_over_the_keys_they_equal_the_pages_own_totals()
    {
        var summary = await new MerchantAnalytics(_db.DataSource).SummaryAsync(_shop.MerchantId, Range);
        var sales = await new OrderFigures(_db.DataSource).SalesAsync(_shop.MerchantId, Range);
        var expected = (summary!.InboundMessages, summary.AiReplies + summary.HumanReplies, sales.Orders, sales.RevenueIqd);

        foreach (var split in new[] { ActivitySplit.Channel, ActivitySplit.Source })
            Assert.Equal(expected, Totals(await _trends.DailyAsync(_shop.MerchantId, Range, split)));
    }

    [Fact]
    public async Task A_quiet_range_has_no_keys()
    {
        Assert.Empty(await _trends.DailyAsync(_shop.MerchantId, new(new(2026, 4, 1), new(2026, 4, 7)), ActivitySplit.Channel));
        Assert.Empty(await _trends.DailyAsync(Guid.NewGuid(), Range, ActivitySplit.Source));
    }

    private static (int, int, int, long) Totals(IEnumerable<ActivityDay> days) =>
        (days.Sum(d => d.Messages), days.Sum(d => d.Replies), days.Sum(d => d.Orders), days.Sum(d => d.RevenueIqd));
}
