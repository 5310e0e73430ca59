using System.Security.Claims;
using AiSales.Core.Analytics;
using AiSales.Core.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Dashboard.Apis;

/// <summary>
/// One campaign's results; money as stored: spend in the ad account's currency, revenue in IQD. Orders/revenue/ROAS
/// count confirmed, shipped and delivered orders; the delivered* fields count delivered orders only.
/// </summary>
public sealed record CampaignDto(
    string Id, Guid AdAccountId, string? Name, string? Status, decimal Spend, string Currency, long Impressions, long Clicks,
    int Leads, int FormLeads, int ChatLeads, int MetaLeads, decimal? Cpl, long? CplIqd, int Orders, long RevenueIqd,
    decimal IqdPerUnit, long SpendIqd, decimal? Roas, int DeliveredOrders, long DeliveredRevenueIqd, decimal? DeliveredRoas)
{
    public static CampaignDto From(CampaignResult c) => new(c.CampaignId, c.AdAccountId, c.Name, c.Status, c.Spend, c.Currency, c.Impressions,
        c.Clicks, c.Leads, c.FormLeads, c.ChatLeads, c.MetaLeads, c.Cpl, c.CplIqd, c.Orders, c.RevenueIqd, c.IqdPerUnit, c.SpendIqd, c.Roas,
        c.DeliveredOrders, c.DeliveredRevenueIqd, c.DeliveredRoas);
}

public sealed record CampaignsReport(DateOnly From, DateOnly To, IReadOnlyList<CampaignDto> Items);

/// <summary>Campaign results of the key's merchant (definitions: docs/campaigns.md).</summary>
public static class CampaignsApi
{
    public const int DefaultDays = 30;

    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/campaigns", ListAsync).WithTags("Campaigns").WithName("ListCampaigns")
            .WithSummary("Per campaign for a date range (merchant's time zone; default last 30 days): spend (account currency), leads attributed, CPL, confirmed orders, revenue (IQD), ROAS; delivered orders, delivered revenue and ROAS on delivered orders.");
        return api;
    }

    public static async Task<Results<Ok<CampaignsReport>, ValidationProblem, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, MerchantAnalytics analytics, NpgsqlDataSource dataSource, IOptions<CampaignOptions> options, TimeProvider clock,
        DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is { } f && AnalyticsRange.DayProblem(f, "from") is { } fromProblem) errors["from"] = [fromProblem];
        if (to is { } t && AnalyticsRange.DayProblem(t, "to") is { } toProblem) errors["to"] = [toProblem];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var merchantId = user.MerchantId();
        var timeZone = await analytics.TimeZoneAsync(merchantId, ct);
        if (timeZone is null)
            return MerchantApiRequest.NotFound("merchant");
        var fallback = AnalyticsRange.LastDays(DefaultDays, timeZone, clock);
        var range = new AnalyticsRange(from ?? (to?.AddDays(1 - DefaultDays) ?? fallback.From), to ?? (from?.AddDays(DefaultDays - 1) ?? fallback.To));
        if (range.Problem() is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["range"] = [problem] });

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var campaigns = await CampaignResults.CampaignsAsync(conn, merchantId, range, options.Value.DefaultIqdPerUnit, ct);
        return TypedResults.Ok(new CampaignsReport(range.From, range.To, [.. campaigns.Select(CampaignDto.From)]));
    }
}
