using AiSales.Core.Analytics;
using AiSales.Core.Campaigns;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Dashboard.Crm;

public sealed record CrmPageModel(AnalyticsRange Range, IReadOnlyList<AdAccountView> Accounts, IReadOnlyList<CampaignResult> Campaigns,
    IReadOnlyList<CampaignDay> Days, IReadOnlyList<SourceStageCount> Sources, CampaignResult? Selected, IReadOnlyList<CampaignLead> SelectedLeads,
    decimal DefaultRate);

/// <summary>
/// Everything /crm draws and changes, for the current merchant only (the id comes from <see cref="ICurrentMerchant"/>):
/// <see cref="CampaignResults"/> and <see cref="AdAccountSettings"/> on the tenant-bound connection of <see cref="MerchantData"/>.
/// </summary>
public sealed class CrmPageData(MerchantData data, MerchantAnalytics analytics, ICurrentMerchant current, TimeProvider clock,
    IOptions<CampaignOptions> options, AdAccountSettings settings)
{
    public const int DefaultDays = 30;
    public const int LeadsShown = 200;

    public decimal DefaultRate => options.Value.DefaultIqdPerUnit;

    /// <summary>The requested range when valid, else the last 30 days in the merchant's zone.</summary>
    public async Task<(AnalyticsRange Range, string? Problem)> RangeAsync(string? from, string? to, CancellationToken ct = default)
    {
        var zone = await analytics.TimeZoneAsync(current.RequireMerchantId(), ct) ?? TimeZoneInfo.Utc;
        var fallback = AnalyticsRange.LastDays(DefaultDays, zone, clock);
        if (from is null && to is null) return (fallback, null);
        if (!DateOnly.TryParse(from, System.Globalization.CultureInfo.InvariantCulture, out var f) ||
            !DateOnly.TryParse(to, System.Globalization.CultureInfo.InvariantCulture, out var t))
            return (fallback, "dates look like 2026-11-01");
        var range = new AnalyticsRange(f, t);
        return range.Problem() is { } problem ? (fallback, problem) : (range, null);
    }

    public Task<CrmPageModel> LoadAsync(AnalyticsRange range, string? campaignId, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            var rate = DefaultRate;
            var accounts = await CampaignResults.AccountsAsync(conn, merchantId, rate, ct);
            var campaigns = await CampaignResults.CampaignsAsync(conn, merchantId, range, rate, ct);
            var selected = campaignId is null ? null : campaigns.FirstOrDefault(c => c.CampaignId == campaignId);
            var days = await CampaignResults.DaysAsync(conn, merchantId, range, selected?.CampaignId, rate, ct);
            var sources = await CampaignResults.SourcesAsync(conn, merchantId, range, ct);
            var leads = selected is null ? [] : await CampaignResults.LeadsOfAsync(conn, merchantId, range, selected.CampaignId, LeadsShown, ct);
            return new CrmPageModel(range, accounts, campaigns, days, sources, selected, leads, rate);
        }, ct);

    public Task<AdAccountCheck> ConnectAsync(string? id, string? token, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => settings.ConnectAsync(db, merchantId, id, token, ct), ct);

    public Task<AdAccountCheck> TestAsync(Guid accountId, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => settings.TestAsync(db, merchantId, accountId, ct), ct);

    public Task<bool> SetRateAsync(Guid accountId, decimal? rate, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => settings.SetRateAsync(db, merchantId, accountId, rate, ct), ct);

    public Task<bool> SyncNowAsync(Guid accountId, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => settings.SyncNowAsync(db, merchantId, accountId, ct), ct);
}
