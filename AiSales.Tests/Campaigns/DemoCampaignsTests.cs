using AiSales.Core.Analytics;
using AiSales.Core.Campaigns;
using AiSales.Core.Demo;
using AiSales.Tests.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSales.Tests.Campaigns;

/// <summary>The demo shop's campaigns (Demo:Campaigns): seeded once, with the numbers docs/campaigns.md works out by hand.</summary>
public sealed class DemoCampaignsTests : IAsyncLifetime
{
    private readonly DemoOptions _demo = new()
    {
        Enabled = true, Campaigns = true, MerchantId = Guid.NewGuid(), Email = "demo-crm@aisales.local", Password = "Demo-Passw0rd!",
        ChannelExternalId = "17841400000000077",
    };

    private PersistenceDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PersistenceDatabase.CreateAsync(migrate: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task SeedAsync()
    {
        await using var ctx = _db.CreateContext();
        await DemoSeeder.SeedAsync(ctx, _demo, NullLogger.Instance);
    }

    [Fact]
    public async Task A_second_seed_adds_nothing_and_the_figures_are_the_documented_ones()
    {
        await SeedAsync();
        var counts = $"{await _db.ScalarAsync("SELECT count(*) FROM ad_insights_daily")}/{await _db.ScalarAsync("SELECT count(*) FROM contacts")}/{await _db.ScalarAsync("SELECT count(*) FROM orders")}";
        await SeedAsync();
        Assert.Equal("28/11/7", counts); // 2 campaigns × 14 days, 7 form + 4 chat leads, 7 orders (5 counted)
        Assert.Equal(counts, $"{await _db.ScalarAsync("SELECT count(*) FROM ad_insights_daily")}/{await _db.ScalarAsync("SELECT count(*) FROM contacts")}/{await _db.ScalarAsync("SELECT count(*) FROM orders")}");
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM ad_accounts WHERE access_token_encrypted IS NOT NULL OR sync_enabled"));
        // Each form lead has its submission with the answers, on its contact (the lead ads page shows the same seven).
        Assert.Equal(7, await _db.ScalarAsync("""
            SELECT count(*) FROM lead_form_submissions s JOIN contacts c ON c.id = s.contact_id
            WHERE s.status = 'fetched' AND s.answers->'phone_number'->>0 = c.phone AND c.first_touch->>'leadgen_id' = s.leadgen_id
            """));

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Baghdad");
        await using var conn = await _db.DataSource.OpenConnectionAsync();
        var results = await CampaignResults.CampaignsAsync(conn, _demo.MerchantId, AnalyticsRange.LastDays(30, zone, TimeProvider.System), 1310m, default);
        var abayas = Assert.Single(results, r => r.CampaignId == DemoCampaigns.AbayaCampaign);
        Assert.Equal((140.00m, 7, 20.00m, 2, 120_000L, 183_400L, 0.65m), (abayas.Spend, abayas.Leads, abayas.Cpl, abayas.Orders, abayas.RevenueIqd, abayas.SpendIqd, abayas.Roas));
        var shoes = Assert.Single(results, r => r.CampaignId == DemoCampaigns.ShoesCampaign);
        Assert.Equal((112.00m, 4, 28.00m, 3, 262_000L, 146_720L, 1.79m), (shoes.Spend, shoes.Leads, shoes.Cpl, shoes.Orders, shoes.RevenueIqd, shoes.SpendIqd, shoes.Roas));
    }
}
