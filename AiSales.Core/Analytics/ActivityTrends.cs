using Npgsql;

namespace AiSales.Core.Analytics;

/// <summary>What a day's activity is split by: the channel it came through, or where the customer first came from.</summary>
public enum ActivitySplit
{
    /// <summary>instagram, messenger, whatsapp: the channel account of the message, or of the ordering contact.</summary>
    Channel,
    /// <summary>The contact's first touch (ad, post, comment, story, ref, organic), as in <see cref="MerchantAnalytics.SourcesAsync"/>.</summary>
    Source,
}

/// <summary>
/// One day of one channel or source. Messages = messages in (reactions aside, as the "messages in" figure); replies = the
/// AI's and the team's replies that did not fail; orders and revenue = orders placed that day, cancelled ones apart (as
/// <see cref="OrderFigures.SalesAsync"/>). Summed over the keys, each equals the page's own total for the range.
/// </summary>
public sealed record ActivityDay(DateOnly Day, string Key, int Messages, int Replies, int Orders, long RevenueIqd);

/// <summary>
/// The Analytics page's comparison over time: messages, replies, orders and revenue per day, by channel or by source, so
/// a merchant sees which channel or which kind of post brings the conversations and which brings the money. Same rules as
/// <see cref="MerchantAnalytics"/>: one merchant per statement, days cut in the merchant's time zone. docs/analytics.md.
/// </summary>
public sealed class ActivityTrends(NpgsqlDataSource dataSource)
{
    public static readonly IReadOnlyList<string> Channels = ["instagram", "messenger", "whatsapp"];

    /// <summary>Every day of the range for every key that had any activity in it (zeros included), keys in a fixed order.</summary>
    public async Task<IReadOnlyList<ActivityDay>> DailyAsync(Guid merchantId, AnalyticsRange range, ActivitySplit split, CancellationToken ct = default)
    {
        // Messages carry their channel account; an order is counted on its contact's channel (every contact has one, an
        // order typed on the dashboard included). The source is always the contact's first touch.
        var (messageKey, orderKey) = split == ActivitySplit.Channel
            ? ("ca.platform", "ca.platform")
            : (MerchantAnalytics.SourceOf, MerchantAnalytics.SourceOf);
        var time = MerchantAnalytics.MessageTime;
        await using var cmd = dataSource.CreateCommand($"""
            WITH b AS (
                SELECT mc.time_zone AS tz, ($2::date::timestamp AT TIME ZONE mc.time_zone) AS lo,
                       (($3::date + 1)::timestamp AT TIME ZONE mc.time_zone) AS hi
                FROM merchants mc WHERE mc.id = $1
            ), msg AS (
                SELECT ({time} AT TIME ZONE b.tz)::date AS day, {messageKey} AS key,
                       count(*) FILTER (WHERE m.direction = 'inbound' AND m.kind <> 'reaction') AS messages,
                       count(*) FILTER (WHERE m.direction = 'outbound' AND m.author IN ('ai', 'human') AND m.status <> 'failed') AS replies
                FROM messages m CROSS JOIN b
                JOIN channel_accounts ca ON ca.id = m.channel_account_id
                JOIN conversations v ON v.id = m.conversation_id
                JOIN contacts c ON c.id = v.contact_id
                WHERE m.merchant_id = $1 AND {time} >= b.lo AND {time} < b.hi
                GROUP BY 1, 2
            ), ord AS (
                SELECT (o.created_at AT TIME ZONE b.tz)::date AS day, {orderKey} AS key, count(*) AS orders, sum(o.total_iqd) AS revenue
                FROM orders o CROSS JOIN b
                JOIN contacts c ON c.id = o.contact_id
                JOIN channel_accounts ca ON ca.id = c.channel_account_id
                WHERE o.merchant_id = $1 AND o.status <> 'cancelled' AND o.created_at >= b.lo AND o.created_at < b.hi
                GROUP BY 1, 2
            )
            SELECT COALESCE(msg.day, ord.day), COALESCE(msg.key, ord.key), COALESCE(msg.messages, 0)::int, COALESCE(msg.replies, 0)::int,
                   COALESCE(ord.orders, 0)::int, COALESCE(ord.revenue, 0)::bigint
            FROM msg FULL JOIN ord ON ord.day = msg.day AND ord.key = msg.key
            """);
        cmd.Parameters.Add(new() { Value = merchantId });
        cmd.Parameters.Add(new() { Value = range.From });
        cmd.Parameters.Add(new() { Value = range.To });
        var rows = new Dictionary<(DateOnly, string), ActivityDay>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var row = new ActivityDay(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                    reader.GetInt32(4), reader.GetInt64(5));
                rows[(row.Day, row.Key)] = row;
            }

        // A chart wants every day of every key seen, in the order the page names them.
        var order = (split == ActivitySplit.Channel ? Channels : MerchantAnalytics.Sources).Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var keys = rows.Keys.Select(k => k.Item2).Distinct().OrderBy(k => order.GetValueOrDefault(k, int.MaxValue)).ThenBy(k => k, StringComparer.Ordinal).ToList();
        return [.. range.EachDay().SelectMany(d => keys.Select(k => rows.GetValueOrDefault((d, k)) ?? new ActivityDay(d, k, 0, 0, 0, 0)))];
    }
}
