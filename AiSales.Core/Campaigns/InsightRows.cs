using System.Globalization;
using System.Text.Json;

namespace AiSales.Core.Campaigns;

/// <summary>One ad's numbers for one day, as read from a level=ad, time_increment=1 insights row.</summary>
public sealed record InsightRow(string AdId, DateOnly Day, string CampaignId, string? CampaignName, string? AdsetId, string? AdName,
    decimal Spend, long Impressions, long Clicks, int MetaLeads);

/// <summary>A campaign as /act_{id}/campaigns lists it.</summary>
public sealed record CampaignRow(string CampaignId, string? Name, string? Status, string? Objective);

public static class InsightRows
{
    /// <summary>
    /// The action types that mean "a lead", best first. Meta's list is hierarchical (a total and its parts), so exactly one
    /// type is taken, never a sum (FACTS §B3): the grouped on-Facebook lead first (instant forms), then the generic
    /// "lead" (which already includes it), then the older grouped type, then a pixel lead.
    /// </summary>
    public static readonly string[] LeadActionTypes = ["onsite_conversion.lead_grouped", "lead", "leadgen_grouped", "offsite_conversion.fb_pixel_lead"];

    public static InsightRow? Parse(JsonElement row)
    {
        var adId = MetaJson.Text(row, "ad_id");
        var campaignId = MetaJson.Text(row, "campaign_id");
        if (adId is null || campaignId is null) return null;
        if (!DateOnly.TryParseExact(MetaJson.Text(row, "date_start"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return null;
        return new InsightRow(adId, day, campaignId, MetaJson.Text(row, "campaign_name"), MetaJson.Text(row, "adset_id"),
            MetaJson.Text(row, "ad_name"), Math.Round(MetaJson.Decimal(row, "spend"), 2), MetaJson.Long(row, "impressions"),
            MetaJson.Long(row, "clicks"), Leads(row));
    }

    public static int Leads(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
            return 0;
        var found = new Dictionary<string, long>();
        foreach (var a in actions.EnumerateArray())
            if (MetaJson.Text(a, "action_type") is { } type && a.TryGetProperty("value", out var v))
                found[type] = MetaJson.Long(v);
        foreach (var type in LeadActionTypes)
            if (found.TryGetValue(type, out var n)) return (int)Math.Clamp(n, 0, int.MaxValue);
        return 0;
    }

    public static CampaignRow? ParseCampaign(JsonElement row) =>
        MetaJson.Text(row, "id") is { } id
            ? new CampaignRow(id, MetaJson.Text(row, "name"), MetaJson.Text(row, "status"), MetaJson.Text(row, "objective"))
            : null;
}
