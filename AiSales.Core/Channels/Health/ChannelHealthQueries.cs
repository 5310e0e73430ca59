using Npgsql;

namespace AiSales.Core.Channels.Health;

/// <summary>
/// Read-only queries behind a WhatsApp number's health page and the Channels page's alert banner. They take an open
/// connection: the dashboard passes its tenant-bound one (RLS applies on top), the Worker its own; every statement also
/// filters by merchant so a wrong id answers nothing rather than another shop's number.
/// "Webhook events" are what Meta delivered for the number and we kept: inbound messages and Meta's reports about
/// it (channel_signals). Both have an index by account and time (migration 0010).
/// </summary>
public static class ChannelHealthQueries
{
    public static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private const string AccountSql = """
        SELECT id, external_id, display_name, provider, status, last_error, token_expires_at
        FROM channel_accounts WHERE id = $1 AND merchant_id = $2 AND platform = 'whatsapp'
        """;

    private const string EventsSql = """
        WITH ev AS (
            SELECT created_at AS at FROM messages
            WHERE channel_account_id = $1 AND merchant_id = $2 AND direction = 'inbound' AND created_at >= $3
            UNION ALL
            SELECT received_at FROM channel_signals WHERE channel_account_id = $1 AND merchant_id = $2 AND received_at >= $3)
        SELECT date_trunc('hour', at, 'UTC'), count(*)::int FROM ev GROUP BY 1
        """;

    private const string FirstLastSql = """
        SELECT least((SELECT min(created_at) FROM messages WHERE channel_account_id = $1 AND merchant_id = $2 AND direction = 'inbound'),
                     (SELECT min(received_at) FROM channel_signals WHERE channel_account_id = $1 AND merchant_id = $2)),
               greatest((SELECT max(created_at) FROM messages WHERE channel_account_id = $1 AND merchant_id = $2 AND direction = 'inbound'),
                        (SELECT max(received_at) FROM channel_signals WHERE channel_account_id = $1 AND merchant_id = $2))
        """;

    // updated_at: when the send last moved (sent, failed, or a retry scheduled with its error code).
    private const string SendsSql = """
        SELECT state, last_error_code, count(*)::int, (count(*) FILTER (WHERE updated_at >= $4))::int
        FROM outbound_sends
        WHERE channel_account_id = $1 AND merchant_id = $2 AND updated_at >= $3
        GROUP BY state, last_error_code
        """;

    private const string LatestSignalsSql = """
        SELECT DISTINCT ON (kind) kind, value, subject, received_at FROM channel_signals
        WHERE channel_account_id = $1 AND merchant_id = $2 AND kind <> 'template'
        ORDER BY kind, received_at DESC
        """;

    private const string TemplatesSql = """
        SELECT DISTINCT ON (subject) subject, value, detail->'value'->>'reason', received_at FROM channel_signals
        WHERE channel_account_id = $1 AND merchant_id = $2 AND kind = 'template' AND subject IS NOT NULL
        ORDER BY subject, received_at DESC
        """;

    private const string RecentSignalsSql = """
        SELECT kind, value, subject, received_at FROM channel_signals
        WHERE channel_account_id = $1 AND merchant_id = $2 ORDER BY received_at DESC LIMIT 20
        """;

    private const string AlertsSql = """
        SELECT id, channel_account_id, kind, opened_at, resolved_at, notified_at, detail::text FROM channel_alerts
        WHERE channel_account_id = $1 AND merchant_id = $2 AND (resolved_at IS NULL OR opened_at >= $3)
        ORDER BY opened_at DESC LIMIT 20
        """;

    private const string OpenAlertsSql = """
        SELECT a.id, a.channel_account_id, a.kind, a.opened_at, a.resolved_at, a.notified_at, a.detail::text FROM channel_alerts a
        WHERE a.merchant_id = $1 AND a.resolved_at IS NULL ORDER BY a.opened_at DESC
        """;

    /// <summary>The health of one of the merchant's WhatsApp numbers as of <paramref name="now"/>; null if it is not theirs.</summary>
    public static async Task<ChannelHealth?> GetAsync(NpgsqlConnection connection, Guid merchantId, Guid channelAccountId, DateTimeOffset now,
        CancellationToken ct = default)
    {
        object[] ids = [channelAccountId, merchantId];
        (string ExternalId, string? Name, string Provider, string Status, string? LastError, DateTimeOffset? Expires) account;
        await using (var cmd = Command(connection, AccountSql, ids))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return null;
            account = (r.GetString(1), Str(r, 2), r.GetString(3), r.GetString(4), Str(r, 5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6));
        }

        var since = now - Day;
        var hours = new Dictionary<DateTimeOffset, int>();
        await using (var cmd = Command(connection, EventsSql, [.. ids, since]))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) hours[new DateTimeOffset(r.GetDateTime(0), TimeSpan.Zero)] = r.GetInt32(1);
        var firstHour = new DateTimeOffset(since.UtcDateTime.Date.AddHours(since.UtcDateTime.Hour), TimeSpan.Zero);
        var perHour = Enumerable.Range(0, 25).Select(i => firstHour.AddHours(i)).Where(h => h <= now)
            .Select(h => new HourCount(h, hours.GetValueOrDefault(h))).TakeLast(24).ToList();

        DateTimeOffset? first = null, last = null;
        await using (var cmd = Command(connection, FirstLastSql, ids))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            if (await r.ReadAsync(ct))
            {
                first = r.IsDBNull(0) ? null : r.GetFieldValue<DateTimeOffset>(0);
                last = r.IsDBNull(1) ? null : r.GetFieldValue<DateTimeOffset>(1);
            }
        var webhook = new WebhookHealth(first, last, hours.Values.Sum(), perHour);

        var week = new List<(string State, string? Code, int Week, int Day)>();
        await using (var cmd = Command(connection, SendsSql, [.. ids, now - TimeSpan.FromDays(7), since]))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) week.Add((r.GetString(0), Str(r, 1), r.GetInt32(2), r.GetInt32(3)));

        var latest = new Dictionary<string, ChannelSignalView>();
        await using (var cmd = Command(connection, LatestSignalsSql, ids))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) latest[r.GetString(0)] = new(r.GetString(0), Str(r, 1), Str(r, 2), r.GetFieldValue<DateTimeOffset>(3));

        var templates = new List<TemplateStatus>();
        await using (var cmd = Command(connection, TemplatesSql, ids))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) templates.Add(new(r.GetString(0), Str(r, 1), Str(r, 2), r.GetFieldValue<DateTimeOffset>(3)));

        var recent = new List<ChannelSignalView>();
        await using (var cmd = Command(connection, RecentSignalsSql, ids))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) recent.Add(new(r.GetString(0), Str(r, 1), Str(r, 2), r.GetFieldValue<DateTimeOffset>(3)));

        var alerts = new List<ChannelAlertView>();
        await using (var cmd = Command(connection, AlertsSql, [.. ids, now - TimeSpan.FromDays(7)]))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) alerts.Add(ReadAlert(r));

        return new ChannelHealth(channelAccountId, account.ExternalId, account.Name, account.Provider, account.Status, account.LastError,
            account.Expires, webhook, Outcomes(week, w => w.Day), Outcomes(week, w => w.Week),
            latest.GetValueOrDefault(Persistence.Entities.ChannelSignalKinds.Quality),
            latest.GetValueOrDefault(Persistence.Entities.ChannelSignalKinds.MessagingLimit),
            latest.GetValueOrDefault(Persistence.Entities.ChannelSignalKinds.Account),
            [.. templates.OrderByDescending(t => t.ReceivedAt)], [.. alerts.Where(a => a.ResolvedAt is null)], alerts, recent);
    }

    /// <summary>The merchant's open alerts, newest first (the banner on the Channels page).</summary>
    public static async Task<IReadOnlyList<ChannelAlertView>> OpenAlertsAsync(NpgsqlConnection connection, Guid merchantId, CancellationToken ct = default)
    {
        var alerts = new List<ChannelAlertView>();
        await using var cmd = Command(connection, OpenAlertsSql, [merchantId]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) alerts.Add(ReadAlert(r));
        return alerts;
    }

    private static SendOutcomes Outcomes(List<(string State, string? Code, int Week, int Day)> rows, Func<(string State, string? Code, int Week, int Day), int> count)
    {
        int Of(string state) => rows.Where(x => x.State == state).Sum(count);
        var errors = rows.Where(x => x.Code is not null && x.State != "sent")
            .GroupBy(x => x.Code!).Select(g => new ErrorCount(g.Key, g.Sum(count))).Where(e => e.Count > 0)
            .OrderByDescending(e => e.Count).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
        return new SendOutcomes(Of("sent"), Of("failed"), Of("pending") + Of("sending"), errors);
    }

    private static ChannelAlertView ReadAlert(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetGuid(1), r.GetString(2),
        r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
        r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5), r.GetString(6));

    private static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] args)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return cmd;
    }
}
