namespace AiSales.Core.Campaigns;

/// <summary>
/// One campaign's results for a date range, with every number a person needs to recompute CPL and ROAS by hand:
/// spend (account currency), leads attributed to it, confirmed orders and their revenue (IQD), the exchange rate.
/// Delivered orders are the part of those orders the customer received (cash on delivery: the money actually in).
/// </summary>
public sealed record CampaignResult(
    Guid AdAccountId, string CampaignId, string? Name, string? Status, string Currency,
    decimal Spend, long Impressions, long Clicks, int MetaLeads,
    int Leads, int FormLeads, int ChatLeads, int Orders, long RevenueIqd, decimal IqdPerUnit,
    int DeliveredOrders = 0, long DeliveredRevenueIqd = 0)
{
    public long SpendIqd => CampaignMath.ToIqd(Spend, IqdPerUnit);
    /// <summary>Spend / leads, in <see cref="Currency"/>; null without leads.</summary>
    public decimal? Cpl => CampaignMath.Cpl(Spend, Leads);
    public long? CplIqd => Leads > 0 ? CampaignMath.ToIqd(Spend / Leads, IqdPerUnit) : null;
    /// <summary>Revenue (IQD) / (spend × rate); null without spend.</summary>
    public decimal? Roas => CampaignMath.Roas(RevenueIqd, Spend, IqdPerUnit);
    /// <summary>Delivered revenue (IQD) / (spend × rate); null without spend.</summary>
    public decimal? DeliveredRoas => CampaignMath.Roas(DeliveredRevenueIqd, Spend, IqdPerUnit);
}

public static class CampaignMath
{
    public const string Iqd = "IQD";

    /// <summary>IQD per unit of the account's currency: 1 for IQD, else the merchant's rate, else the default.</summary>
    public static decimal Rate(string? currency, decimal? merchantRate, decimal defaultRate) =>
        string.Equals(currency, Iqd, StringComparison.OrdinalIgnoreCase) ? 1m : merchantRate ?? defaultRate;

    public static long ToIqd(decimal amount, decimal rate) => (long)Math.Round(amount * rate, 0, MidpointRounding.AwayFromZero);

    public static decimal? Cpl(decimal spend, int leads) => leads > 0 ? Math.Round(spend / leads, 2, MidpointRounding.AwayFromZero) : null;

    public static decimal? Roas(long revenueIqd, decimal spend, decimal rate) =>
        spend > 0 ? Math.Round(revenueIqd / (spend * rate), 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>Spend and attributed leads of one day (all campaigns, or the one selected).</summary>
public sealed record CampaignDay(DateOnly Day, decimal Spend, long SpendIqd, int Leads);

/// <summary>Contacts gained in the range from one source in one stage, and what the CRM expects from them.</summary>
public sealed record SourceStageCount(string Source, string Stage, int Leads, int WithExpectedRevenue, long ExpectedRevenueIqd);

/// <summary>A contact attributed to a campaign, with its confirmed orders.</summary>
public sealed record CampaignLead(Guid ContactId, string Name, string? Phone, string Source, bool FromForm, string Stage, string Label, int Score,
    long? ExpectedRevenueIqd, DateTimeOffset CreatedAt, int Orders, long RevenueIqd);

/// <summary>A connected ad account as the CRM page shows it (never the token: only whether one is saved).</summary>
public sealed record AdAccountView(Guid Id, string ExternalId, string? Name, string? Currency, int? AccountStatus, bool HasToken,
    decimal? IqdPerUnit, decimal Rate, bool SyncEnabled, string SyncState, DateTimeOffset? LastSyncAt, DateTimeOffset? LastSuccessAt,
    string? LastError, int? LastErrorCode, DateTimeOffset? NextSyncAt)
{
    public bool ConvertsCurrency => !string.Equals(Currency, CampaignMath.Iqd, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The source groups leads are counted in (contacts.first_touch->>'source'; ctwa counts as ad, nothing as organic).</summary>
public static class LeadSources
{
    public static readonly string[] All = ["ad", "lead_form", "comment", "story", "post", "ref", "organic"];

    /// <summary>SQL for the group of contact alias <paramref name="c"/>.</summary>
    public static string Sql(string c) => $"""
        CASE WHEN {c}.first_touch->>'source' IN ('ad', 'ctwa') THEN 'ad'
             WHEN {c}.first_touch->>'source' IN ('lead_form', 'comment', 'story', 'post', 'ref') THEN {c}.first_touch->>'source'
             ELSE 'organic' END
        """;
}
