using AiSales.Core.Campaigns;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace AiSales.Tests.Campaigns;

/// <summary>
/// The Worker's campaign sync against the Marketing API fake: what it stores (strings and numbers both, 18-digit ids
/// intact, every page), that a re-sync replaces a day, throttling (retried after a wait; at the limit the account waits),
/// a rejected token (visible as "needs reconnect", no more calls), and two Workers at once (nothing added twice).
/// </summary>
public sealed class CampaignSyncTests : IAsyncLifetime
{
    private const string Act = "1010035716096012";
    private const string CampaignA = "120250549031410400"; // > 2^53: would lose digits through a double
    private const string CampaignB = "120250549031410500";
    private CampaignSyncHarness _h = default!;

    public async Task InitializeAsync() => _h = await CampaignSyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static string Day(int daysAgo) => CampaignSyncHarness.Today.AddDays(-daysAgo).ToString("yyyy-MM-dd");

    private void SeedMeta()
    {
        _h.Meta.Accounts[Act] = new("Shop ads", "USD", 1);
        _h.Meta.Campaigns[Act] = [FakeMarketingApi.Campaign(CampaignA, "Abayas form"), FakeMarketingApi.Campaign(CampaignB, "Shoes DM", "PAUSED", "OUTCOME_ENGAGEMENT")];
        _h.Meta.Insights[Act] =
        [
            FakeMarketingApi.Row(CampaignA, "120250549031410414", Day(2), 12.34m, 1000, 40, leads: 3),
            FakeMarketingApi.Row(CampaignA, "120250549031410414", Day(1), 10.01m, 900, 35, leads: 2, numbers: true),
            FakeMarketingApi.Row(CampaignA, "120250549031410415", Day(1), 5.50m, 400, 10),
            FakeMarketingApi.Row(CampaignB, "120250549031410514", Day(1), 7.25m, 700, 21, numbers: true),
            FakeMarketingApi.Row(CampaignB, "120250549031410514", Day(40), 99m, 1, 1), // outside the 28 days asked for
        ];
    }

    [Fact]
    public async Task A_sync_stores_campaigns_and_every_page_of_insights_reading_strings_and_numbers_alike()
    {
        SeedMeta();
        var account = await _h.AccountAsync(Act);

        Assert.Equal(SyncOutcome.Synced, await _h.Sync().SyncAsync(account, default));

        var campaigns = await _h.RowsAsync("SELECT campaign_id, name, status, objective FROM ad_campaigns WHERE ad_account_id = $1 ORDER BY campaign_id", account);
        Assert.Equal([CampaignA, CampaignB], campaigns.Select(c => (string)c["campaign_id"]!));
        Assert.Equal(("Shoes DM", "PAUSED", "OUTCOME_ENGAGEMENT"), ((string)campaigns[1]["name"]!, (string)campaigns[1]["status"]!, (string)campaigns[1]["objective"]!));

        var days = await _h.RowsAsync("SELECT ad_id, day, campaign_id, spend, impressions, clicks, meta_leads FROM ad_insights_daily WHERE ad_account_id = $1 ORDER BY day, ad_id", account);
        Assert.Equal(4, days.Count); // the 40-days-ago row was outside time_range
        Assert.Equal(("120250549031410414", CampaignA, 12.34m, 1000L, 40L, 3), ((string)days[0]["ad_id"]!, (string)days[0]["campaign_id"]!, (decimal)days[0]["spend"]!, (long)days[0]["impressions"]!, (long)days[0]["clicks"]!, (int)days[0]["meta_leads"]!));
        Assert.Equal((10.01m, 900L, 2), ((decimal)days[1]["spend"]!, (long)days[1]["impressions"]!, (int)days[1]["meta_leads"]!)); // numbers, not strings
        Assert.Equal(35.10m, days.Sum(d => (decimal)d["spend"]!)); // 12.34 + 10.01 + 5.50 + 7.25

        // Four rows in range at two a page: two requests, the second after the first's cursor (the last page has no "next").
        var insightCalls = _h.Meta.Requests.Where(r => r.Path.EndsWith("/insights", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, insightCalls.Count);
        Assert.Contains("level=ad", insightCalls[0].Query);
        Assert.Contains("time_increment=1", insightCalls[0].Query);
        Assert.Contains("after=", insightCalls[1].Query);
        Assert.All(_h.Meta.Requests, r => Assert.Equal(FakeMarketingApi.ValidToken, r.BearerToken));
        Assert.All(_h.Meta.Requests, r => Assert.DoesNotContain(FakeMarketingApi.ValidToken, r.Query)); // never in the URL

        var state = (await _h.RowsAsync("SELECT sync_state, last_success_at, last_error, next_sync_at FROM ad_accounts WHERE id = $1", account))[0];
        Assert.Equal("ok", state["sync_state"]);
        Assert.NotNull(state["last_success_at"]);
        Assert.Null(state["last_error"]);
        Assert.True((DateTime)state["next_sync_at"]! > DateTime.UtcNow.AddHours(5)); // the next one in SyncInterval (6 h)
    }

    [Fact]
    public async Task A_re_sync_replaces_a_days_numbers_instead_of_adding_to_them()
    {
        SeedMeta();
        var account = await _h.AccountAsync(Act);
        await _h.Sync().SyncAsync(account, default);

        // Meta revised yesterday: one ad's spend went up, the other ad's row is gone.
        _h.Meta.Insights[Act] =
        [
            FakeMarketingApi.Row(CampaignA, "120250549031410414", Day(2), 12.34m, 1000, 40, leads: 3),
            FakeMarketingApi.Row(CampaignA, "120250549031410414", Day(1), 11.00m, 950, 37, leads: 2),
            FakeMarketingApi.Row(CampaignB, "120250549031410514", Day(1), 7.25m, 700, 21),
        ];
        Assert.Equal(SyncOutcome.Synced, await _h.Sync().SyncAsync(account, default));

        var yesterday = CampaignSyncHarness.Today.AddDays(-1);
        var rows = await _h.RowsAsync("SELECT ad_id, spend FROM ad_insights_daily WHERE ad_account_id = $1 AND day = $2 ORDER BY ad_id", account, yesterday);
        Assert.Equal([("120250549031410414", 11.00m), ("120250549031410514", 7.25m)], rows.Select(r => ((string)r["ad_id"]!, (decimal)r["spend"]!)));
        Assert.Equal(30.59m, await _h.ScalarAsync<decimal>("SELECT sum(spend) FROM ad_insights_daily WHERE ad_account_id = $1", account)); // 12.34 + 11.00 + 7.25
    }

    [Fact]
    public async Task A_throttle_error_is_retried_after_a_wait_and_the_sync_completes()
    {
        SeedMeta();
        var account = await _h.AccountAsync(Act);
        // Meta's documented throttle bodies (fixtures/crm): code 32, then the business-use-case 80001.
        _h.Meta.FailNext(1, new FakeFault(400, FakeMarketingApi.CrmFixture("meta_graph_error_32_page_request_limit_metadocs.json")));
        _h.Meta.FailNext(1, new FakeFault(400, FakeMarketingApi.CrmFixture("meta_graph_error_80001_buc_rate_limit_metadocs.json")));

        Assert.Equal(SyncOutcome.Synced, await _h.Sync().SyncAsync(account, default));

        var campaignCalls = _h.Meta.Requests.Where(r => r.Path.EndsWith("/campaigns", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, campaignCalls.Count); // two throttled, the third answered
        // Waited RetryDelay (50 ms), then double that, before the retries.
        Assert.True(campaignCalls[1].ReceivedAt - campaignCalls[0].ReceivedAt >= TimeSpan.FromMilliseconds(45));
        Assert.True(campaignCalls[2].ReceivedAt - campaignCalls[1].ReceivedAt >= TimeSpan.FromMilliseconds(95));
        Assert.Equal(4L, await _h.ScalarAsync<long>("SELECT count(*) FROM ad_insights_daily WHERE ad_account_id = $1", account));
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_leaves_the_account_throttled_with_a_later_next_sync_and_nothing_half_written()
    {
        SeedMeta();
        var account = await _h.AccountAsync(Act);
        _h.Meta.AddRule(r => r.Path.EndsWith("/insights", StringComparison.Ordinal)
            ? new FakeFault(400, FakeMarketingApi.CrmFixture("meta_graph_error_80001_buc_rate_limit_metadocs.json"))
            : null);

        Assert.Equal(SyncOutcome.Throttled, await _h.Sync().SyncAsync(account, default));

        Assert.Equal(3, _h.Meta.Requests.Count(r => r.Path.EndsWith("/insights", StringComparison.Ordinal))); // 1 + MaxRetries (2)
        var state = (await _h.RowsAsync("SELECT sync_state, last_error, last_error_code, next_sync_at, sync_claimed_until FROM ad_accounts WHERE id = $1", account))[0];
        Assert.Equal("throttled", state["sync_state"]);
        Assert.Equal(80001, state["last_error_code"]);
        Assert.Contains("too many calls", (string)state["last_error"]!);
        Assert.True((DateTime)state["next_sync_at"]! > DateTime.UtcNow.AddMinutes(25)); // ThrottleBackoff (30 min)
        Assert.Null(state["sync_claimed_until"]);
        Assert.Equal(0L, await _h.ScalarAsync<long>("SELECT count(*) FROM ad_insights_daily"));
        Assert.Empty(await _h.Sync().DueAccountsAsync(10, default)); // not due until the back-off ends
    }

    [Fact]
    public async Task High_usage_headers_stop_the_sync_before_the_limit_and_use_metas_estimate_for_the_wait()
    {
        SeedMeta();
        var account = await _h.AccountAsync(Act);
        _h.Meta.UsageHeaders["X-Business-Use-Case-Usage"] =
            $$"""{"{{Act}}": [{"type": "ads_insights", "call_count": 91, "total_cputime": 20, "total_time": 30, "estimated_time_to_regain_access": 45}]}""";

        Assert.Equal(SyncOutcome.Throttled, await _h.Sync().SyncAsync(account, default));

        Assert.Single(_h.Meta.Requests); // the campaigns answer's headers said 91 %: no insights call after it
        var state = (await _h.RowsAsync("SELECT sync_state, next_sync_at FROM ad_accounts WHERE id = $1", account))[0];
        Assert.Equal("throttled", state["sync_state"]);
        Assert.True((DateTime)state["next_sync_at"]! > DateTime.UtcNow.AddMinutes(44)); // Meta's 45 minutes, longer than our 30
    }

    [Fact]
    public async Task A_rejected_token_marks_the_account_needs_reconnect_with_metas_words_and_it_is_not_called_again()
    {
        SeedMeta();
        var account = await _h.AccountAsync(Act, token: "EAAG-expired");

        Assert.Equal(SyncOutcome.NeedsReconnect, await _h.Sync().SyncAsync(account, default));

        Assert.Single(_h.Meta.Requests); // no retry of a token error
        var state = (await _h.RowsAsync("SELECT sync_state, last_error, last_error_code, next_sync_at FROM ad_accounts WHERE id = $1", account))[0];
        Assert.Equal("needs_reconnect", state["sync_state"]);
        Assert.Equal(190, state["last_error_code"]);
        Assert.StartsWith("Error validating access token", (string)state["last_error"]!);
        Assert.DoesNotContain("EAAG", (string)state["last_error"]!);
        Assert.Null(state["next_sync_at"]);
        Assert.Empty(await _h.Sync().DueAccountsAsync(10, default));
    }

    [Fact]
    public async Task A_timeout_is_retried_and_then_reported_as_failing()
    {
        SeedMeta();
        _h.Options.RequestTimeout = TimeSpan.FromMilliseconds(300);
        var account = await _h.AccountAsync(Act);
        _h.Meta.AddRule(_ => FakeFault.HangFor(TimeSpan.FromSeconds(5)));

        Assert.Equal(SyncOutcome.Failed, await _h.Sync().SyncAsync(account, default));

        Assert.Equal(3, _h.Meta.Requests.Count);
        var state = (await _h.RowsAsync("SELECT sync_state, last_error FROM ad_accounts WHERE id = $1", account))[0];
        Assert.Equal("failing", state["sync_state"]);
        Assert.Contains("did not answer within", (string)state["last_error"]!);
    }

    [Fact]
    public async Task Two_workers_syncing_the_same_account_at_once_store_each_day_once()
    {
        SeedMeta();
        var account = await _h.AccountAsync(Act);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        var outcomes = await Task.WhenAll(_h.Sync(clock).SyncAsync(account, default), _h.Sync(clock).SyncAsync(account, default));

        Assert.Contains(SyncOutcome.Synced, outcomes);
        Assert.Equal(35.10m, await _h.ScalarAsync<decimal>("SELECT sum(spend) FROM ad_insights_daily WHERE ad_account_id = $1", account));
        // Claimed meanwhile: the loser skipped (or, had the winner finished first, replaced the same rows).
        Assert.Equal(4L, await _h.ScalarAsync<long>("SELECT count(*) FROM ad_insights_daily WHERE ad_account_id = $1", account));
    }
}
