using Npgsql;

namespace AiSales.Core.Analytics;

/// <summary>
/// The numbers behind the Analytics page and GET /api/v1/stats. Raw SQL on the shared data source, every
/// statement filtered by one merchant and bounded by the date range, days cut in the merchant's own time zone
/// (merchants.time_zone) so "today" in Baghdad is one bar, not two. A message's time is its platform time
/// (external_timestamp), or created_at while an outbound message has not been sent yet; migration 0003 indexes
/// that expression. Definitions: docs/analytics.md.
/// </summary>
public sealed class MerchantAnalytics(NpgsqlDataSource dataSource)
{
    internal const string MessageTime = "COALESCE(m.external_timestamp, m.created_at)";

    /// <summary>Sources a first touch can have; ctwa (click-to-WhatsApp) is an ad, anything unknown or absent is organic.</summary>
    public static readonly IReadOnlyList<string> Sources = ["ad", "post", "comment", "story", "ref", "organic"];

    /// <summary>A contact's (alias c) source as in <see cref="Sources"/>, from its first touch.</summary>
    internal const string SourceOf = """
        CASE WHEN c.first_touch->>'source' IN ('ad', 'post', 'comment', 'story', 'ref') THEN c.first_touch->>'source'
             WHEN c.first_touch->>'source' IN ('ctwa', 'lead_form') THEN 'ad'
             ELSE 'organic' END
        """;

    public static readonly IReadOnlyList<string> Stages = ["new", "engaged", "interested", "ordering", "won", "lost"];

    public async Task<IReadOnlyList<ChannelDay>> MessagesPerDayAsync(Guid merchantId, AnalyticsRange range, CancellationToken ct = default)
    {
        var rows = new List<ChannelDay>();
        await using var cmd = Command($"""
            SELECT ({MessageTime} AT TIME ZONE mc.time_zone)::date AS day, ca.platform,
                   count(*) FILTER (WHERE m.direction = 'inbound'), count(*) FILTER (WHERE m.direction = 'outbound')
            FROM messages m
            JOIN merchants mc ON mc.id = m.merchant_id
            JOIN channel_accounts ca ON ca.id = m.channel_account_id
            WHERE m.merchant_id = $1 AND {MessageTime} >= ($2::date::timestamp AT TIME ZONE mc.time_zone)
              AND {MessageTime} < (($3::date + 1)::timestamp AT TIME ZONE mc.time_zone)
              AND m.kind <> 'reaction'
            GROUP BY 1, 2 ORDER BY 1, 2
            """, merchantId, range);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new ChannelDay(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3)));

        // Charts want every day of every channel seen, zeros included.
        var channels = rows.Select(r => r.Channel).Distinct().Order().ToList();
        var byKey = rows.ToDictionary(r => (r.Day, r.Channel));
        return [.. range.EachDay().SelectMany(d => channels.Select(c => byKey.GetValueOrDefault((d, c)) ?? new ChannelDay(d, c, 0, 0)))];
    }

    public async Task<IReadOnlyList<ReplyAuthorsDay>> RepliesPerDayAsync(Guid merchantId, AnalyticsRange range, CancellationToken ct = default)
    {
        var found = new Dictionary<DateOnly, ReplyAuthorsDay>();
        await using var cmd = Command($"""
            SELECT ({MessageTime} AT TIME ZONE mc.time_zone)::date,
                   count(*) FILTER (WHERE m.author = 'ai'), count(*) FILTER (WHERE m.author = 'human')
            FROM messages m
            JOIN merchants mc ON mc.id = m.merchant_id
            WHERE m.merchant_id = $1 AND {MessageTime} >= ($2::date::timestamp AT TIME ZONE mc.time_zone)
              AND {MessageTime} < (($3::date + 1)::timestamp AT TIME ZONE mc.time_zone)
              AND m.direction = 'outbound' AND m.author IN ('ai', 'human') AND m.status <> 'failed'
            GROUP BY 1
            """, merchantId, range);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var day = reader.GetFieldValue<DateOnly>(0);
            found[day] = new ReplyAuthorsDay(day, (int)reader.GetInt64(1), (int)reader.GetInt64(2));
        }
        return [.. range.EachDay().Select(d => found.GetValueOrDefault(d) ?? new ReplyAuthorsDay(d, 0, 0))];
    }

    /// <summary>
    /// A burst opens with a customer message whose previous message in the conversation is not also from the
    /// customer (or that has none); its response is the first ai/human outbound message after it that did not fail.
    /// </summary>
    public async Task<FirstResponseReport> FirstResponseAsync(Guid merchantId, AnalyticsRange range, CancellationToken ct = default)
    {
        await using var cmd = Command($"""
            WITH openers AS (
                SELECT m.conversation_id, {MessageTime} AS t, mc.time_zone
                FROM messages m
                JOIN merchants mc ON mc.id = m.merchant_id
                WHERE m.merchant_id = $1 AND m.direction = 'inbound' AND m.author = 'customer'
                  AND {MessageTime} >= ($2::date::timestamp AT TIME ZONE mc.time_zone)
                  AND {MessageTime} < (($3::date + 1)::timestamp AT TIME ZONE mc.time_zone)
                  AND COALESCE((
                        SELECT p.direction FROM messages p
                        WHERE p.conversation_id = m.conversation_id
                          AND COALESCE(p.external_timestamp, p.created_at) < {MessageTime}
                        ORDER BY COALESCE(p.external_timestamp, p.created_at) DESC LIMIT 1), 'outbound') <> 'inbound'
            ), answered AS (
                SELECT (o.t AT TIME ZONE o.time_zone)::date AS day,
                       EXTRACT(EPOCH FROM (
                           SELECT min(COALESCE(r.external_timestamp, r.created_at)) FROM messages r
                           WHERE r.conversation_id = o.conversation_id AND r.direction = 'outbound'
                             AND r.author IN ('ai', 'human') AND r.status <> 'failed'
                             AND COALESCE(r.external_timestamp, r.created_at) > o.t) - o.t)::float8 AS seconds
                FROM openers o
            )
            SELECT day, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds), count(seconds)::int, (count(*) - count(seconds))::int
            FROM answered GROUP BY GROUPING SETS ((day), ())
            ORDER BY day NULLS LAST
            """, merchantId, range);
        var days = new Dictionary<DateOnly, FirstResponseDay>();
        double? overall = null;
        int answered = 0, unanswered = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            double? median = reader.IsDBNull(1) ? null : reader.GetDouble(1);
            if (reader.IsDBNull(0))
            {
                (overall, answered, unanswered) = (median, reader.GetInt32(2), reader.GetInt32(3));
                continue;
            }
            var day = reader.GetFieldValue<DateOnly>(0);
            days[day] = new FirstResponseDay(day, median, reader.GetInt32(2), reader.GetInt32(3));
        }
        return new FirstResponseReport(overall, answered, unanswered,
            [.. range.EachDay().Select(d => days.GetValueOrDefault(d) ?? new FirstResponseDay(d, null, 0, 0))]);
    }

    /// <summary>Contacts first seen in the range, by the stage they are in now.</summary>
    public async Task<LeadFunnel> FunnelAsync(Guid merchantId, AnalyticsRange range, CancellationToken ct = default)
    {
        var counts = Stages.ToDictionary(s => s, _ => 0);
        await using var cmd = Command("""
            SELECT c.stage, count(*)::int FROM contacts c
            JOIN merchants mc ON mc.id = c.merchant_id
            WHERE c.merchant_id = $1 AND c.created_at >= ($2::date::timestamp AT TIME ZONE mc.time_zone)
              AND c.created_at < (($3::date + 1)::timestamp AT TIME ZONE mc.time_zone)
            GROUP BY c.stage
            """, merchantId, range);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            counts[reader.GetString(0)] = reader.GetInt32(1);
        var total = counts.Values.Sum();
        var won = counts["won"];
        return new LeadFunnel([.. Stages.Select(s => new FunnelStage(s, counts[s]))], total, won, Rate(won, total));
    }

    public async Task<IReadOnlyList<SourceBreakdown>> SourcesAsync(Guid merchantId, AnalyticsRange range, CancellationToken ct = default)
    {
        var found = new Dictionary<string, (int Leads, int Won)>();
        await using var cmd = Command($"""
            SELECT {SourceOf} AS source,
                   count(*)::int, (count(*) FILTER (WHERE c.stage = 'won'))::int
            FROM contacts c
            JOIN merchants mc ON mc.id = c.merchant_id
            WHERE c.merchant_id = $1 AND c.created_at >= ($2::date::timestamp AT TIME ZONE mc.time_zone)
              AND c.created_at < (($3::date + 1)::timestamp AT TIME ZONE mc.time_zone)
            GROUP BY 1
            """, merchantId, range);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            found[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        return [.. Sources.Select(s => found.TryGetValue(s, out var f)
            ? new SourceBreakdown(s, f.Leads, f.Won, Rate(f.Won, f.Leads))
            : new SourceBreakdown(s, 0, 0, 0))];
    }

    /// <summary>The headline numbers; null when the merchant does not exist.</summary>
    public async Task<AnalyticsSummary?> SummaryAsync(Guid merchantId, AnalyticsRange range, CancellationToken ct = default)
    {
        await using var cmd = Command($"""
            SELECT mc.time_zone,
                (SELECT count(*) FILTER (WHERE m.direction = 'inbound')::int FROM messages m
                  WHERE m.merchant_id = mc.id AND m.kind <> 'reaction' AND {MessageTime} >= lo AND {MessageTime} < hi),
                (SELECT count(*) FILTER (WHERE m.direction = 'outbound')::int FROM messages m
                  WHERE m.merchant_id = mc.id AND m.kind <> 'reaction' AND {MessageTime} >= lo AND {MessageTime} < hi),
                (SELECT count(*)::int FROM messages m WHERE m.merchant_id = mc.id AND m.direction = 'outbound'
                  AND m.author = 'ai' AND m.status <> 'failed' AND {MessageTime} >= lo AND {MessageTime} < hi),
                (SELECT count(*)::int FROM messages m WHERE m.merchant_id = mc.id AND m.direction = 'outbound'
                  AND m.author = 'human' AND m.status <> 'failed' AND {MessageTime} >= lo AND {MessageTime} < hi),
                (SELECT count(*)::int FROM conversations v WHERE v.merchant_id = mc.id AND v.created_at >= lo AND v.created_at < hi)
            FROM merchants mc,
                 LATERAL (SELECT ($2::date::timestamp AT TIME ZONE mc.time_zone) AS lo,
                                 (($3::date + 1)::timestamp AT TIME ZONE mc.time_zone) AS hi) bounds
            WHERE mc.id = $1
            """, merchantId, range);
        string timeZone;
        int inbound, outbound, ai, human, conversations;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
                return null;
            (timeZone, inbound, outbound, ai, human, conversations) =
                (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
        }
        var funnel = await FunnelAsync(merchantId, range, ct);
        var response = await FirstResponseAsync(merchantId, range, ct);
        return new AnalyticsSummary(range.From, range.To, timeZone, inbound, outbound, ai, human, conversations,
            funnel.Total, funnel.Won, funnel.ConversionRate, response.MedianSeconds);
    }

    /// <summary>The merchant's time zone (for "last 7 days" defaults), or null for an unknown merchant.</summary>
    public async Task<TimeZoneInfo?> TimeZoneAsync(Guid merchantId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT time_zone FROM merchants WHERE id = $1");
        cmd.Parameters.Add(new() { Value = merchantId });
        return await cmd.ExecuteScalarAsync(ct) is string id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var tz) ? tz : null;
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private NpgsqlCommand Command(string sql, Guid merchantId, AnalyticsRange range)
    {
        var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.Add(new() { Value = merchantId });
        cmd.Parameters.Add(new() { Value = range.From });
        cmd.Parameters.Add(new() { Value = range.To });
        return cmd;
    }
}
