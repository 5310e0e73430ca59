using AiSales.Tests.Fakes;
using AiSales.Worker.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSales.Tests.Campaigns;

/// <summary>The Worker's poll: it syncs the accounts that are due and leaves the rest (not due, no token, sync off, needs reconnect).</summary>
public sealed class CampaignSyncWorkerTests : IAsyncLifetime
{
    private CampaignSyncHarness _h = default!;

    public async Task InitializeAsync() => _h = await CampaignSyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_poll_syncs_due_accounts_only_and_a_second_poll_finds_nothing_due()
    {
        foreach (var id in new[] { "100", "200", "300", "400", "500" })
        {
            _h.Meta.Accounts[id] = new("Ads " + id, "USD", 1);
            _h.Meta.Insights[id] = [FakeMarketingApi.Row("9" + id, "8" + id, CampaignSyncHarness.Today.ToString("yyyy-MM-dd"), 1.50m, 10, 1)];
        }
        var due = await _h.AccountAsync("100");
        var later = await _h.AccountAsync("200");
        var paused = await _h.AccountAsync("300");
        var rejected = await _h.AccountAsync("400");
        var demo = await _h.AccountAsync("500");
        await _h.ScalarAsync<int>($"""
            WITH u1 AS (UPDATE ad_accounts SET next_sync_at = now() + interval '3 hours' WHERE id = '{later}' RETURNING 1),
                 u2 AS (UPDATE ad_accounts SET sync_enabled = false WHERE id = '{paused}' RETURNING 1),
                 u3 AS (UPDATE ad_accounts SET sync_state = 'needs_reconnect' WHERE id = '{rejected}' RETURNING 1),
                 u4 AS (UPDATE ad_accounts SET access_token_encrypted = NULL WHERE id = '{demo}' RETURNING 1)
            SELECT 1
            """);
        var services = new ServiceCollection().AddTransient(_ => _h.Sync()).BuildServiceProvider();
        var worker = new CampaignSyncWorker(services.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Options.Options.Create(_h.Options),
            TimeProvider.System, NullLogger<CampaignSyncWorker>.Instance);

        Assert.Equal(1, await worker.RunOnceAsync(default));
        Assert.Equal(0, await worker.RunOnceAsync(default)); // synced: due again in SyncInterval

        Assert.Equal(["100"], (await _h.RowsAsync("SELECT DISTINCT a.external_id FROM ad_insights_daily i JOIN ad_accounts a ON a.id = i.ad_account_id"))
            .Select(r => (string)r["external_id"]!));
        Assert.All(_h.Meta.Requests, r => Assert.Contains("/act_100", r.Path));
        Assert.Equal("ok", await _h.ScalarAsync<string>("SELECT sync_state FROM ad_accounts WHERE id = $1", due));
    }
}
