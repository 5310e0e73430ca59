using System.Security.Claims;
using AiSales.Core.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Dashboard.Apis;

/// <summary>Headline analytics for the key's merchant (definitions: docs/analytics.md).</summary>
public static class StatsApi
{
    public const int DefaultDays = 30;

    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stats", GetAsync).WithTags("Analytics").WithName("GetStats")
            .WithSummary("Messages, AI vs human replies, median first response, new contacts and conversions for a date range (merchant's time zone; default last 30 days).");
        return api;
    }

    public static async Task<Results<Ok<AnalyticsSummary>, ValidationProblem, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user, MerchantAnalytics analytics, TimeProvider clock, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        // Each date on its own first: the defaults below add days to it, which overflows at the ends of the calendar.
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
        var summary = await analytics.SummaryAsync(merchantId, range, ct);
        return summary is null ? MerchantApiRequest.NotFound("merchant") : TypedResults.Ok(summary);
    }
}
