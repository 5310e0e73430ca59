using AiSales.Core.Analytics;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.MerchantApi;
using AiSales.Tests.Persistence;

namespace AiSales.Tests.Analytics;

/// <summary>
/// OrderFigures on a Baghdad (UTC+3) shop with orders whose sums can be checked by hand, one placed a minute before
/// local midnight and one half an hour after it (both the same UTC day), and a second shop whose orders never count.
/// Every order has a 5,000 IQD delivery fee in its total.
/// </summary>
public sealed class OrderFiguresTests : IAsyncLifetime
{
    private static readonly TimeSpan Baghdad = TimeSpan.FromHours(3);
    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(2026, month, day, hour, minute, 0, Baghdad).ToUniversalTime();

    private static readonly AnalyticsRange Day1 = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1));
    private static readonly AnalyticsRange Day2 = new(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2));
    private static readonly AnalyticsRange Both = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2));

    private PersistenceDatabase _db = null!;
    private TenantSeed _shop = null!;
    private OrderFigures _figures = null!;
    private Guid _abaya, _scarf;

    public async Task InitializeAsync()
    {
        _db = await PersistenceDatabase.CreateAsync(migrate: true);
        _figures = new OrderFigures(_db.DataSource);
        await using var ctx = _db.CreateContext();
        _shop = await TenantSeed.MerchantAsync(ctx);
        var noise = await TenantSeed.MerchantAsync(ctx);
        await _shop.ChannelAsync(ChannelPlatform.Instagram);
        await noise.ChannelAsync(ChannelPlatform.Instagram);
        var customer = await _shop.ContactAsync(ChannelPlatform.Instagram);
        var chat = await _shop.ConversationAsync(customer);

        async Task Order(TenantSeed shop, Contact who, OrderStatus status, DateTimeOffset at, string governorate, long unitPrice, int quantity = 1)
        {
            var (order, _) = await shop.OrderAsync(who, null, status, at, ("item", quantity, unitPrice, null, null));
            await _db.ScalarAsync($"UPDATE orders SET governorate = '{governorate}' WHERE id = '{order.Id}' RETURNING 1");
        }

        // Day 1 (2026-03-01 local): Basra 25,000 + 25,000 (one delivered), Baghdad 35,000 at 23:59, Najaf 35,000;
        // a cancelled Basra order of 55,000 counted apart.
        await Order(_shop, customer, OrderStatus.Confirmed, Local(3, 1, 10), "Basra", 20_000);
        await Order(_shop, customer, OrderStatus.Delivered, Local(3, 1, 11), "Basra", 20_000);
        await Order(_shop, customer, OrderStatus.Cancelled, Local(3, 1, 12), "Basra", 50_000);
        await Order(_shop, customer, OrderStatus.Confirmed, Local(3, 1, 13), "Najaf", 30_000);
        await Order(_shop, customer, OrderStatus.Confirmed, Local(3, 1, 23, 59), "Baghdad", 15_000, quantity: 2);
        // Day 2 at 00:30 local = 21:30 UTC on day 1: a day-2 order.
        await Order(_shop, customer, OrderStatus.Pending, Local(3, 2, 0, 30), "Baghdad", 10_000);
        // Before the range (28 Feb 23:30 local) and the other shop's day-1 order: never counted.
        await Order(_shop, customer, OrderStatus.Confirmed, Local(2, 28, 23, 30), "Basra", 100_000);
        var stranger = await noise.ContactAsync(ChannelPlatform.Instagram);
        await Order(noise, stranger, OrderStatus.Confirmed, Local(3, 1, 10), "Basra", 70_000);

        // Most asked: the assistant's replies about each product. Abaya 3 in range (one at 23:59 of day 2), scarf 1;
        // a reply the day before, a human's reply and a customer message do not count.
        _abaya = await ProductAsync(_shop.MerchantId, "AB-1", "عباية");
        _scarf = await ProductAsync(_shop.MerchantId, "SC-1", "شال");
        async Task About(Guid product, MessageAuthor author, DateTimeOffset at)
        {
            var m = await _shop.MessageAsync(chat, author, at);
            await _db.ScalarAsync($"UPDATE messages SET product_id = '{product}' WHERE id = '{m.Id}' RETURNING 1");
        }
        await About(_abaya, MessageAuthor.Ai, Local(3, 1, 9));
        await About(_abaya, MessageAuthor.Ai, Local(3, 1, 15));
        await About(_abaya, MessageAuthor.Ai, Local(3, 2, 23, 59));
        await About(_scarf, MessageAuthor.Ai, Local(3, 2, 10));
        await About(_scarf, MessageAuthor.Ai, Local(2, 28, 22));
        await About(_scarf, MessageAuthor.Human, Local(3, 1, 10));
        await About(_scarf, MessageAuthor.Customer, Local(3, 1, 10));
    }

    private async Task<Guid> ProductAsync(Guid merchantId, string sku, string name)
    {
        var id = Guid.NewGuid();
        await _db.ScalarAsync($"INSERT INTO products (id, merchant_id, sku, name_ar, price_iqd) VALUES ('{id}', '{merchantId}', '{sku}', '{name}', 20000) RETURNING 1");
        return id;
    }

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task A_day_counts_its_orders_by_local_date_and_keeps_cancelled_out_of_the_sales()
    {
        var day1 = await _figures.SalesAsync(_shop.MerchantId, Day1);
        Assert.Equal(4, day1.Orders);
        Assert.Equal(120_000, day1.RevenueIqd);
        Assert.Equal(1, day1.Cancelled);
        Assert.Equal([("Basra", 2, 50_000L), ("Baghdad", 1, 35_000L), ("Najaf", 1, 35_000L)],
            day1.ByGovernorate.Select(g => (g.Governorate!, g.Orders, g.RevenueIqd)).ToList());

        // The 00:30 order is on day 2 although its UTC time is on day 1.
        var day2 = await _figures.SalesAsync(_shop.MerchantId, Day2);
        Assert.Equal((1, 15_000L, 0), (day2.Orders, day2.RevenueIqd, day2.Cancelled));
        Assert.Equal("Baghdad", Assert.Single(day2.ByGovernorate).Governorate);
    }

    [Fact]
    public async Task A_range_adds_its_days_and_a_governorate_filter_keeps_only_that_governorate()
    {
        var both = await _figures.SalesAsync(_shop.MerchantId, Both);
        Assert.Equal((5, 135_000L, 1), (both.Orders, both.RevenueIqd, both.Cancelled));
        // Equal revenue: alphabetical.
        Assert.Equal(["Baghdad", "Basra", "Najaf"], both.ByGovernorate.Select(g => g.Governorate!).ToList());

        var basra = await _figures.SalesAsync(_shop.MerchantId, Both, "Basra");
        Assert.Equal((2, 50_000L, 1), (basra.Orders, basra.RevenueIqd, basra.Cancelled));
    }

    [Fact]
    public async Task Most_asked_counts_the_assistants_replies_about_each_product_in_the_range()
    {
        var asked = await _figures.MostAskedAsync(_shop.MerchantId, Both);
        Assert.Equal([(_abaya, 3), (_scarf, 1)], asked.Select(p => (p.ProductId, p.Asks)).ToList());
        Assert.Equal("عباية", asked[0].NameAr);
        Assert.Equal([(_abaya, 2)], (await _figures.MostAskedAsync(_shop.MerchantId, Day1)).Select(p => (p.ProductId, p.Asks)).ToList());
    }
}
