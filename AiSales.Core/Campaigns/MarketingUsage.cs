using System.Net.Http.Headers;
using System.Text.Json;

namespace AiSales.Core.Campaigns;

/// <summary>
/// How close the app is to Meta's rate limits, from the headers of one answer (FACTS §B4, §B6): X-Business-Use-Case-Usage
/// (per business object, a list of {call_count, total_cputime, total_time, estimated_time_to_regain_access in minutes}),
/// X-App-Usage ({call_count, total_time, total_cputime}), X-Ad-Account-Usage ({acc_id_util_pct, reset_time_duration in
/// seconds}) and x-fb-ads-insights-throttle ({app_id_util_pct, acc_id_util_pct}). The highest percent counts.
/// </summary>
public sealed record MarketingUsage(double MaxPercent, TimeSpan? RegainAfter)
{
    public static readonly MarketingUsage None = new(0, null);

    public static MarketingUsage FromHeaders(HttpResponseHeaders headers)
    {
        double max = 0;
        TimeSpan? regain = null;
        void Percent(JsonElement o, string name)
        {
            if (o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v)) max = Math.Max(max, (double)MetaJson.Decimal(v));
        }
        void Regain(TimeSpan t)
        {
            if (t > TimeSpan.Zero && (regain is null || t > regain)) regain = t;
        }

        if (Parse(headers, "X-Business-Use-Case-Usage") is { ValueKind: JsonValueKind.Object } buc)
            foreach (var business in buc.EnumerateObject())
                if (business.Value.ValueKind == JsonValueKind.Array)
                    foreach (var u in business.Value.EnumerateArray())
                    {
                        Percent(u, "call_count"); Percent(u, "total_cputime"); Percent(u, "total_time");
                        Regain(TimeSpan.FromMinutes((double)MetaJson.Decimal(u, "estimated_time_to_regain_access")));
                    }
        if (Parse(headers, "X-App-Usage") is { } app)
        {
            Percent(app, "call_count"); Percent(app, "total_cputime"); Percent(app, "total_time");
        }
        if (Parse(headers, "X-Ad-Account-Usage") is { } account)
        {
            Percent(account, "acc_id_util_pct");
            if (max >= 100) Regain(TimeSpan.FromSeconds((double)MetaJson.Decimal(account, "reset_time_duration")));
        }
        if (Parse(headers, "x-fb-ads-insights-throttle") is { } insights)
        {
            Percent(insights, "app_id_util_pct"); Percent(insights, "acc_id_util_pct");
        }
        return new MarketingUsage(max, regain);
    }

    private static JsonElement? Parse(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values)) return null;
        try
        {
            using var doc = JsonDocument.Parse(string.Join("", values));
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null; // a header we cannot read says nothing; the error codes still stop us
        }
    }
}
