using AiSales.Core.Analytics;
using Npgsql;

namespace AiSales.Core.Campaigns;

/// <summary>
/// What the CRM page and the Merchant API read: campaign results, days, leads by source and stage, a campaign's leads.
/// Every statement filters by the merchant (and runs on the dashboard's tenant-bound connection there, RLS on top).
/// Attribution (docs/campaigns.md): a contact gained in the range belongs to a campaign when its first touch names the
/// campaign (a lead-form lead) or names an ad that the campaign's insights list (a chat lead from an ad). Orders are
/// the confirmed, shipped or delivered orders of those contacts; revenue is their total_iqd; delivered revenue counts the
/// delivered ones only.
/// </summary>
public static class CampaignResults
{
    // $1 merchant, $2 from, $3 to (the merchant's local days).
    private const string LeadsCte = """
        b AS (SELECT ($2::date::timestamp AT TIME ZONE time_zone) AS lo, (($3::date + 1)::timestamp AT TIME ZONE time_zone) AS hi, time_zone
              FROM merchants WHERE id = $1),
        ad_map AS (SELECT DISTINCT ON (ad_id) ad_id, campaign_id FROM ad_insights_daily WHERE merchant_id = $1 ORDER BY ad_id, day DESC),
        leads AS (
            SELECT c.id, c.created_at, coalesce(c.first_touch->>'campaign_id', m.campaign_id) AS campaign_id,
                   (c.first_touch->>'campaign_id' IS NOT NULL) AS form
            FROM contacts c CROSS JOIN b LEFT JOIN ad_map m ON m.ad_id = c.first_touch->>'ad_id'
            WHERE c.merchant_id = $1 AND c.created_at >= b.lo AND c.created_at < b.hi
              AND (c.first_touch->>'campaign_id' IS NOT NULL OR m.campaign_id IS NOT NULL))
        """;

    public static async Task<IReadOnlyList<CampaignResult>> CampaignsAsync(NpgsqlConnection conn, Guid merchantId, AnalyticsRange range,
        decimal defaultRate, CancellationToken ct)
    {
        await using var cmd = Command(conn, $"""
            WITH {LeadsCte},
            spend AS (SELECT ad_account_id, campaign_id, sum(spend) AS spend, sum(impressions)::bigint AS imp, sum(clicks)::bigint AS clk,
                             sum(meta_leads)::int AS ml, max(campaign_name) AS name
                      FROM ad_insights_daily WHERE merchant_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1, 2),
            universe AS (SELECT ad_account_id, campaign_id FROM ad_campaigns WHERE merchant_id = $1
                         UNION SELECT ad_account_id, campaign_id FROM spend),
            lc AS (SELECT campaign_id, count(*)::int AS leads, (count(*) FILTER (WHERE form))::int AS form_leads FROM leads GROUP BY 1),
            oc AS (SELECT l.campaign_id, count(o.id)::int AS orders, coalesce(sum(o.total_iqd), 0)::bigint AS revenue,
                          (count(o.id) FILTER (WHERE o.status = 'delivered'))::int AS delivered,
                          coalesce(sum(o.total_iqd) FILTER (WHERE o.status = 'delivered'), 0)::bigint AS delivered_revenue
                   FROM leads l JOIN orders o ON o.contact_id = l.id AND o.merchant_id = $1 AND o.status IN ('confirmed', 'shipped', 'delivered')
                   GROUP BY 1)
            SELECT u.ad_account_id, u.campaign_id, coalesce(c.name, s.name), c.status, coalesce(a.currency, 'USD'), a.iqd_per_unit,
                   coalesce(s.spend, 0), coalesce(s.imp, 0), coalesce(s.clk, 0), coalesce(s.ml, 0),
                   coalesce(lc.leads, 0), coalesce(lc.form_leads, 0), coalesce(oc.orders, 0), coalesce(oc.revenue, 0),
                   coalesce(oc.delivered, 0), coalesce(oc.delivered_revenue, 0)
            FROM universe u
            JOIN ad_accounts a ON a.id = u.ad_account_id AND a.merchant_id = $1
            LEFT JOIN ad_campaigns c ON c.ad_account_id = u.ad_account_id AND c.campaign_id = u.campaign_id
            LEFT JOIN spend s ON s.ad_account_id = u.ad_account_id AND s.campaign_id = u.campaign_id
            LEFT JOIN lc ON lc.campaign_id = u.campaign_id
            LEFT JOIN oc ON oc.campaign_id = u.campaign_id
            ORDER BY coalesce(s.spend, 0) DESC, u.campaign_id
            """, merchantId, range);
        var list = new List<CampaignResult>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var currency = r.GetString(4);
            var leads = r.GetInt32(10);
            var form = r.GetInt32(11);
            var result = new CampaignResult(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                currency, r.GetDecimal(6), r.GetInt64(7), r.GetInt64(8), r.GetInt32(9), leads, form, leads - form, r.GetInt32(12), r.GetInt64(13),
                CampaignMath.Rate(currency, r.IsDBNull(5) ? null : r.GetDecimal(5), defaultRate), r.GetInt32(14), r.GetInt64(15));
            // A campaign with nothing in the range is listed only while it runs.
            if (result.Spend > 0 || result.Leads > 0 || result.Status == "ACTIVE") list.Add(result);
        }
        return list;
    }

    /// <summary>Spend and attributed leads per day of the range (one campaign when <paramref name="campaignId"/> is given).</summary>
    public static async Task<IReadOnlyList<CampaignDay>> DaysAsync(NpgsqlConnection conn, Guid merchantId, AnalyticsRange range, string? campaignId,
        decimal defaultRate, CancellationToken ct)
    {
        var spend = new Dictionary<DateOnly, (decimal Spend, long Iqd)>();
        await using (var cmd = Command(conn, """
            SELECT i.day, sum(i.spend), coalesce(a.currency, 'USD'), a.iqd_per_unit
            FROM ad_insights_daily i JOIN ad_accounts a ON a.id = i.ad_account_id
            WHERE i.merchant_id = $1 AND i.day BETWEEN $2 AND $3 AND ($4::text IS NULL OR i.campaign_id = $4)
            GROUP BY i.day, a.id
            """, merchantId, range, campaignId))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var day = r.GetFieldValue<DateOnly>(0);
                var amount = r.GetDecimal(1);
                var iqd = CampaignMath.ToIqd(amount, CampaignMath.Rate(r.GetString(2), r.IsDBNull(3) ? null : r.GetDecimal(3), defaultRate));
                var had = spend.GetValueOrDefault(day);
                spend[day] = (had.Spend + amount, had.Iqd + iqd);
            }
        var leads = new Dictionary<DateOnly, int>();
        await using (var cmd = Command(conn, $"""
            WITH {LeadsCte}
            SELECT (l.created_at AT TIME ZONE b.time_zone)::date, count(*)::int FROM leads l CROSS JOIN b
            WHERE ($4::text IS NULL OR l.campaign_id = $4) GROUP BY 1
            """, merchantId, range, campaignId))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) leads[r.GetFieldValue<DateOnly>(0)] = r.GetInt32(1);
        return [.. range.EachDay().Select(d => new CampaignDay(d, spend.GetValueOrDefault(d).Spend, spend.GetValueOrDefault(d).Iqd, leads.GetValueOrDefault(d)))];
    }

    /// <summary>Contacts gained in the range by source group and stage, with the CRM's expected revenue where it has one.</summary>
    public static async Task<IReadOnlyList<SourceStageCount>> SourcesAsync(NpgsqlConnection conn, Guid merchantId, AnalyticsRange range, CancellationToken ct)
    {
        await using var cmd = Command(conn, $"""
            WITH b AS (SELECT ($2::date::timestamp AT TIME ZONE time_zone) AS lo, (($3::date + 1)::timestamp AT TIME ZONE time_zone) AS hi
                       FROM merchants WHERE id = $1)
            SELECT {LeadSources.Sql("c")}, c.stage, count(*)::int, count(c.expected_revenue_iqd)::int, coalesce(sum(c.expected_revenue_iqd), 0)::bigint
            FROM contacts c CROSS JOIN b
            WHERE c.merchant_id = $1 AND c.created_at >= b.lo AND c.created_at < b.hi
            GROUP BY 1, 2
            """, merchantId, range);
        var list = new List<SourceStageCount>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4)));
        return list;
    }

    /// <summary>The contacts a campaign brought in the range, newest first, each with its confirmed orders.</summary>
    public static async Task<IReadOnlyList<CampaignLead>> LeadsOfAsync(NpgsqlConnection conn, Guid merchantId, AnalyticsRange range, string campaignId,
        int limit, CancellationToken ct)
    {
        await using var cmd = Command(conn, $"""
            WITH {LeadsCte}
            SELECT c.id, coalesce(c.display_name, c.username, c.external_id), c.phone, {LeadSources.Sql("c")}, l.form, c.stage, c.label, c.score,
                   c.expected_revenue_iqd, c.created_at,
                   (SELECT count(*)::int FROM orders o WHERE o.contact_id = c.id AND o.merchant_id = $1 AND o.status IN ('confirmed', 'shipped', 'delivered')),
                   (SELECT coalesce(sum(o.total_iqd), 0)::bigint FROM orders o WHERE o.contact_id = c.id AND o.merchant_id = $1 AND o.status IN ('confirmed', 'shipped', 'delivered'))
            FROM leads l JOIN contacts c ON c.id = l.id
            WHERE l.campaign_id = $4
            ORDER BY c.created_at DESC, c.id LIMIT $5
            """, merchantId, range, campaignId, limit);
        var list = new List<CampaignLead>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetBoolean(4), r.GetString(5),
                r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetInt64(8), r.GetFieldValue<DateTimeOffset>(9), r.GetInt32(10), r.GetInt64(11)));
        return list;
    }

    public static async Task<IReadOnlyList<AdAccountView>> AccountsAsync(NpgsqlConnection conn, Guid merchantId, decimal defaultRate, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT id, external_id, name, currency, account_status, access_token_encrypted IS NOT NULL, iqd_per_unit, sync_enabled, sync_state,
                   last_sync_at, last_success_at, last_error, last_error_code, next_sync_at
            FROM ad_accounts WHERE merchant_id = $1 ORDER BY created_at, id
            """, conn);
        cmd.Parameters.Add(new() { Value = merchantId });
        var list = new List<AdAccountView>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string? currency = r.IsDBNull(3) ? null : r.GetString(3);
            decimal? rate = r.IsDBNull(6) ? null : r.GetDecimal(6);
            list.Add(new(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), currency, r.IsDBNull(4) ? null : r.GetInt32(4),
                r.GetBoolean(5), rate, CampaignMath.Rate(currency, rate, defaultRate), r.GetBoolean(7), r.GetString(8), Time(r, 9), Time(r, 10),
                r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetInt32(12), Time(r, 13)));
        }
        return list;
    }

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, Guid merchantId, AnalyticsRange range, params object?[] more)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.Add(new() { Value = merchantId });
        cmd.Parameters.Add(new() { Value = range.From });
        cmd.Parameters.Add(new() { Value = range.To });
        foreach (var m in more) cmd.Parameters.Add(new() { Value = m ?? DBNull.Value });
        return cmd;
    }
}
