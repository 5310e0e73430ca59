using AiSales.Core.Analytics;
using AiSales.Core.Campaigns;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.MerchantApi;
using AiSales.Tests.Persistence;
using Npgsql;

namespace AiSales.Tests.Campaigns;

/// <summary>
/// CPL and ROAS from seeded spend, leads and orders, checked against a hand calculation. Range 2026-11-01..10, Baghdad.
///
/// Campaign C1 (account A, USD, no rate set → default 1,310 IQD per USD), ad A1:
///   spend 20.00 + 30.00 + 50.00 = 100.00 USD (a 999.00 day on 10-31 is outside the range)
///   leads: 3 lead-form contacts naming C1 + 1 chat contact whose first touch is ad A1 = 4 (a form lead from 10-30 is outside)
///   CPL = 100.00 / 4 = 25.00 USD (= 25 × 1,310 = 32,750 IQD)
///   orders: confirmed 60,000 + delivered 45,000 + shipped 26,000 = 131,000 IQD, 3 orders (pending 30,000 and cancelled 10,000 do not count)
///   ROAS = 131,000 / (100.00 × 1,310 = 131,000) = 1.00
/// Campaign C2 (account B, USD, the merchant set 1,500), ad B1:
///   spend 40.00 USD; 2 chat leads → CPL 20.00 USD; one confirmed order 95,000 → ROAS = 95,000 / (40 × 1,500 = 60,000) = 1.58 (1.5833…)
/// Another merchant's contact naming C1 and its order never count.
/// </summary>
public sealed class CampaignResultsTests : IAsyncLifetime
{
    private const string C1 = "120210000000000101", A1 = "120210000000000111", C2 = "120210000000000201", B1 = "120210000000000211";
    private static readonly AnalyticsRange Range = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 10));
    private PersistenceDatabase _db = default!;
    private AiSalesDbContext _ctx = default!;
    private TenantSeed _shop = default!;
    private readonly Dictionary<string, Contact> _leads = [];

    private static DateTimeOffset Local(int month, int day, int hour = 12) => new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(3)).ToUniversalTime();

    public async Task InitializeAsync()
    {
        _db = await PersistenceDatabase.CreateAsync(migrate: true);
        _ctx = _db.CreateContext();
        _shop = await TenantSeed.MerchantAsync(_ctx);
        var other = await TenantSeed.MerchantAsync(_ctx);

        var a = Account(_shop.MerchantId, "111", null);
        var b = Account(_shop.MerchantId, "222", 1500m);
        _ctx.AdCampaigns.Add(new AdCampaign { AdAccountId = a.Id, CampaignId = C1, MerchantId = _shop.MerchantId, Name = "Abayas form", Status = "ACTIVE" });
        _ctx.AdCampaigns.Add(new AdCampaign { AdAccountId = a.Id, CampaignId = "120210000000000999", MerchantId = _shop.MerchantId, Name = "Old, paused", Status = "PAUSED" });
        foreach (var (day, spend) in new[] { (new DateOnly(2026, 10, 31), 999.00m), (new DateOnly(2026, 11, 1), 20.00m), (new DateOnly(2026, 11, 2), 30.00m), (new DateOnly(2026, 11, 5), 50.00m) })
            _ctx.AdInsightDays.Add(Day(a, C1, A1, day, spend));
        _ctx.AdInsightDays.Add(Day(b, C2, B1, new DateOnly(2026, 11, 3), 40.00m));
        await _ctx.SaveChangesAsync();

        await Lead("form1", "lead_form", C1, null, Local(11, 1), 50_000);
        await Lead("form2", "lead_form", C1, null, Local(11, 2), 70_000);
        await Lead("form3", "lead_form", C1, null, Local(11, 5));
        await Lead("formOld", "lead_form", C1, null, Local(10, 30));
        await Lead("chatA", "ad", null, A1, Local(11, 6));
        await Lead("chatB1", "ctwa", null, B1, Local(11, 3));
        await Lead("chatB2", "ad", null, B1, Local(11, 4));
        await Lead("organic", null, null, null, Local(11, 4));

        await Order("form1", OrderStatus.Confirmed, 55_000);   // 60,000 with delivery
        await Order("form2", OrderStatus.Delivered, 40_000);   // 45,000
        await Order("form2", OrderStatus.Pending, 25_000);     // 30,000, not counted
        await Order("form3", OrderStatus.Cancelled, 5_000);    // 10,000, not counted
        await Order("chatA", OrderStatus.Shipped, 21_000);     // 26,000
        await Order("chatB1", OrderStatus.Confirmed, 90_000);  // 95,000

        var noise = await other.ContactAsync(ChannelPlatform.Instagram, createdAt: Local(11, 2));
        await _db.DataSource.CreateCommand($"UPDATE contacts SET first_touch = '{{\"source\": \"lead_form\", \"campaign_id\": \"{C1}\"}}' WHERE id = '{noise.Id}'").ExecuteNonQueryAsync();
        await other.OrderAsync(noise, null, OrderStatus.Confirmed, Local(11, 3), ("Noise", 1, 500_000, null, null));
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _db.DisposeAsync();
    }

    private AdAccount Account(Guid merchant, string external, decimal? rate)
    {
        var account = new AdAccount { Id = Guid.NewGuid(), MerchantId = merchant, ExternalId = external, Currency = "USD", IqdPerUnit = rate, Name = "Ads " + external };
        _ctx.AdAccounts.Add(account);
        return account;
    }

    private AdInsightDay Day(AdAccount a, string campaign, string ad, DateOnly day, decimal spend) => new()
    {
        AdAccountId = a.Id, AdId = ad, Day = day, MerchantId = a.MerchantId, CampaignId = campaign, Spend = spend, Impressions = 1000, Clicks = 10,
    };

    private async Task Lead(string key, string? source, string? campaign, string? ad, DateTimeOffset at, long? expected = null)
    {
        var contact = await _shop.ContactAsync(ChannelPlatform.Instagram, createdAt: at);
        contact.FirstTouch = source is null ? null : new Attribution { Source = source, CampaignId = campaign, AdId = ad ?? (campaign is null ? null : A1) };
        contact.ExpectedRevenueIqd = expected;
        await _ctx.SaveChangesAsync();
        _leads[key] = contact;
    }

    private Task Order(string lead, OrderStatus status, long items) =>
        _shop.OrderAsync(_leads[lead], null, status, _leads[lead].CreatedAt.AddHours(20), ("Item", 1, items, null, null));

    private async Task<T> WithConnection<T>(Func<NpgsqlConnection, Task<T>> work)
    {
        await using var conn = await _db.DataSource.OpenConnectionAsync();
        return await work(conn);
    }

    [Fact]
    public async Task Cpl_and_roas_match_the_hand_calculation()
    {
        var results = await WithConnection(c => CampaignResults.CampaignsAsync(c, _shop.MerchantId, Range, 1310m, default));

        var c1 = Assert.Single(results, r => r.CampaignId == C1);
        Assert.Equal((100.00m, "USD", 4, 3, 1), (c1.Spend, c1.Currency, c1.Leads, c1.FormLeads, c1.ChatLeads));
        Assert.Equal(25.00m, c1.Cpl);
        Assert.Equal(32_750L, c1.CplIqd);
        Assert.Equal((3, 131_000L), (c1.Orders, c1.RevenueIqd));
        Assert.Equal((1310m, 131_000L), (c1.IqdPerUnit, c1.SpendIqd));
        Assert.Equal(1.00m, c1.Roas);

        var c2 = Assert.Single(results, r => r.CampaignId == C2);
        Assert.Equal((40.00m, 2, 0, 2), (c2.Spend, c2.Leads, c2.FormLeads, c2.ChatLeads));
        Assert.Equal(20.00m, c2.Cpl);
        Assert.Equal((1, 95_000L, 1500m, 60_000L), (c2.Orders, c2.RevenueIqd, c2.IqdPerUnit, c2.SpendIqd));
        Assert.Equal(1.58m, c2.Roas);

        // A paused campaign with nothing in the range is not listed; C1 (more spend) comes first.
        Assert.Equal([C1, C2], results.Select(r => r.CampaignId));
    }

    /// <summary>
    /// Delivered revenue counts only what reached the customer. C1: of confirmed 60,000 + delivered 45,000 + shipped 26,000,
    /// only form2's delivered 45,000 → ROAS on delivered = 45,000 / (100.00 × 1,310 = 131,000) = 0.3435… = 0.34.
    /// Delivering chatA's shipped 26,000 adds it: 71,000 / 131,000 = 0.5419… = 0.54. C2 has nothing delivered: 0 / 60,000 = 0.00.
    /// </summary>
    [Fact]
    public async Task Roas_on_delivered_orders_matches_the_hand_calculation()
    {
        var results = await WithConnection(c => CampaignResults.CampaignsAsync(c, _shop.MerchantId, Range, 1310m, default));
        var c1 = Assert.Single(results, r => r.CampaignId == C1);
        Assert.Equal((1, 45_000L, 0.34m), (c1.DeliveredOrders, c1.DeliveredRevenueIqd, c1.DeliveredRoas));
        Assert.Equal((3, 131_000L, 1.00m), (c1.Orders, c1.RevenueIqd, c1.Roas)); // confirmed revenue unchanged
        var c2 = Assert.Single(results, r => r.CampaignId == C2);
        Assert.Equal((0, 0L, 0.00m), (c2.DeliveredOrders, c2.DeliveredRevenueIqd, c2.DeliveredRoas));

        await _db.DataSource.CreateCommand($"UPDATE orders SET status = 'delivered' WHERE contact_id = '{_leads["chatA"].Id}'").ExecuteNonQueryAsync();
        c1 = Assert.Single(await WithConnection(c => CampaignResults.CampaignsAsync(c, _shop.MerchantId, Range, 1310m, default)), r => r.CampaignId == C1);
        Assert.Equal((2, 71_000L, 0.54m), (c1.DeliveredOrders, c1.DeliveredRevenueIqd, c1.DeliveredRoas));
    }

    [Fact]
    public async Task An_account_in_iqd_needs_no_rate_and_a_campaign_without_leads_has_no_cpl()
    {
        await _db.DataSource.CreateCommand($"UPDATE ad_accounts SET currency = 'IQD' WHERE external_id = '222' AND merchant_id = '{_shop.MerchantId}'").ExecuteNonQueryAsync();
        await _db.DataSource.CreateCommand($"UPDATE contacts SET first_touch = NULL WHERE id IN ('{_leads["chatB1"].Id}', '{_leads["chatB2"].Id}')").ExecuteNonQueryAsync();

        var c2 = Assert.Single(await WithConnection(c => CampaignResults.CampaignsAsync(c, _shop.MerchantId, Range, 1310m, default)), r => r.CampaignId == C2);
        Assert.Equal((1m, 40L, 0, 0), (c2.IqdPerUnit, c2.SpendIqd, c2.Leads, c2.Orders));
        Assert.Null(c2.Cpl);
        Assert.Equal(0m, c2.Roas); // spend but no revenue
    }

    [Fact]
    public async Task Days_leads_by_source_and_a_campaigns_lead_list_add_up()
    {
        var days = await WithConnection(c => CampaignResults.DaysAsync(c, _shop.MerchantId, Range, C1, 1310m, default));
        Assert.Equal(10, days.Count);
        Assert.Equal(new CampaignDay(new DateOnly(2026, 11, 1), 20.00m, 26_200, 1), days[0]);
        Assert.Equal(100.00m, days.Sum(d => d.Spend));
        Assert.Equal(4, days.Sum(d => d.Leads));
        var all = await WithConnection(c => CampaignResults.DaysAsync(c, _shop.MerchantId, Range, null, 1310m, default));
        Assert.Equal((140.00m, 6), (all.Sum(d => d.Spend), all.Sum(d => d.Leads)));
        Assert.Equal(131_000 + 60_000, all.Sum(d => d.SpendIqd)); // each account at its own rate

        var sources = await WithConnection(c => CampaignResults.SourcesAsync(c, _shop.MerchantId, Range, default));
        Assert.Equal(3, sources.Where(s => s.Source == "lead_form").Sum(s => s.Leads));
        Assert.Equal(3, sources.Where(s => s.Source == "ad").Sum(s => s.Leads)); // ad + ctwa
        Assert.Equal(1, sources.Where(s => s.Source == "organic").Sum(s => s.Leads));
        Assert.Equal((2, 120_000L), (sources.Sum(s => s.WithExpectedRevenue), sources.Sum(s => s.ExpectedRevenueIqd)));

        var leads = await WithConnection(c => CampaignResults.LeadsOfAsync(c, _shop.MerchantId, Range, C1, 50, default));
        Assert.Equal([_leads["chatA"].Id, _leads["form3"].Id, _leads["form2"].Id, _leads["form1"].Id], leads.Select(l => l.ContactId));
        Assert.Equal([26_000L, 0L, 45_000L, 60_000L], leads.Select(l => l.RevenueIqd));
        Assert.Equal([false, true, true, true], leads.Select(l => l.FromForm));
    }
}
