using System.Diagnostics.Metrics;
using System.Text.Json;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Staff;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Monitoring;

/// <summary>
/// Watches every connected WhatsApp number and raises an alert when its webhook deliveries stop (it had events within
/// <see cref="ChannelHealthWatchOptions.TrafficWindow"/> but none for <see cref="ChannelHealthWatchOptions.SilenceAfter"/>)
/// or its sends fail (the last <see cref="ChannelHealthWatchOptions.FailedInARow"/> settled sends all failed). An alert
/// stays open, one per number and kind, until the watch sees the number recover; each is sent once to the WhatsApp of
/// every owner of the shop with a verified staff phone, and shown on the dashboard.
/// A timer rather than a queue job, like retention: a missed check just happens at the next tick. Every Worker runs
/// it; a transaction-scoped advisory lock lets one of them check at a time, and the partial unique index on open alerts
/// and the notified_at claim (set in the transaction that queues the messages) keep any two from doubling an alert.
/// </summary>
public sealed class ChannelHealthWatch(NpgsqlDataSource dataSource, PostgresOutbox outbox, IOptions<ChannelHealthWatchOptions> options,
    TimeProvider time, IMeterFactory meters, ILogger<ChannelHealthWatch> logger) : BackgroundService
{
    /// <summary>pg_try_advisory_xact_lock key: "AiSales channel health watch".</summary>
    public const long LockKey = 0x4149_5341_4C45_5357;

    private readonly Counter<long> _opened = meters.Create(Inbound.PipelineTelemetry.Name)
        .CreateCounter<long>("aisales.worker.channel_alerts.opened", "{alert}", "Channel alerts opened, by kind");

    // Per number: its latest webhook event (inbound message or Meta report) and its latest settled sends.
    private const string StateSql = """
        SELECT ca.id, ca.merchant_id, coalesce(nullif(ca.display_name, ''), ca.external_id),
               greatest((SELECT max(m.created_at) FROM messages m WHERE m.channel_account_id = ca.id AND m.direction = 'inbound'),
                        (SELECT max(s.received_at) FROM channel_signals s WHERE s.channel_account_id = ca.id)),
               f.settled, f.failed, f.latest, f.codes
        FROM channel_accounts ca
        CROSS JOIN LATERAL (
            SELECT count(*)::int AS settled, (count(*) FILTER (WHERE t.state = 'failed'))::int AS failed,
                   (array_agg(t.state ORDER BY t.updated_at DESC))[1] AS latest,
                   coalesce(array_agg(DISTINCT t.last_error_code) FILTER (WHERE t.last_error_code IS NOT NULL), '{}') AS codes
            FROM (SELECT o.state, o.last_error_code, o.updated_at FROM outbound_sends o
                  WHERE o.channel_account_id = ca.id AND o.state IN ('sent', 'failed')
                  ORDER BY o.updated_at DESC LIMIT $1) t) f
        WHERE ca.platform = 'whatsapp' AND ca.status <> 'disabled'
        """;

    private const string OpenSql = """
        INSERT INTO channel_alerts (merchant_id, channel_account_id, kind, opened_at, detail) VALUES ($1, $2, $3, $4, $5::jsonb)
        ON CONFLICT (channel_account_id, kind) WHERE resolved_at IS NULL DO NOTHING
        RETURNING id
        """;

    private const string ResolveSql = """
        UPDATE channel_alerts SET resolved_at = $3 WHERE channel_account_id = $1 AND kind = $2 AND resolved_at IS NULL RETURNING id
        """;

    // Open alerts nobody has been told about yet; claimed row by row in this transaction.
    private const string UnnotifiedSql = """
        UPDATE channel_alerts a SET notified_at = $1
        FROM channel_accounts ca
        WHERE a.resolved_at IS NULL AND a.notified_at IS NULL AND ca.id = a.channel_account_id
          AND EXISTS (SELECT 1 FROM staff_phones sp JOIN merchant_members mm ON mm.merchant_id = sp.merchant_id AND mm.user_id = sp.user_id
                      WHERE sp.merchant_id = a.merchant_id AND sp.verified_at IS NOT NULL AND mm.role = 'owner')
        RETURNING a.id, a.merchant_id, a.channel_account_id, a.kind, coalesce(nullif(ca.display_name, ''), ca.external_id)
        """;

    // One phone per owner; one linked through another shop number first, since the alerting number may be the one failing.
    private const string OwnerPhonesSql = """
        SELECT DISTINCT ON (sp.user_id) sp.id FROM staff_phones sp
        JOIN merchant_members mm ON mm.merchant_id = sp.merchant_id AND mm.user_id = sp.user_id
        WHERE sp.merchant_id = $1 AND sp.verified_at IS NOT NULL AND mm.role = 'owner'
        ORDER BY sp.user_id, (sp.channel_account_id = $2), sp.verified_at DESC
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        using var timer = new PeriodicTimer(o.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Channel health check failed; trying again next interval");
            }
        }
    }

    /// <summary>One check of every number. False when another Worker holds the check right now.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1)", conn, tx))
        {
            lockCmd.Parameters.Add(new NpgsqlParameter { Value = LockKey });
            if (await lockCmd.ExecuteScalarAsync(ct) is not true)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }

        var numbers = new List<NumberState>();
        await using (var cmd = new NpgsqlCommand(StateSql, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = o.FailedInARow });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                numbers.Add(new NumberState(r.GetGuid(0), r.GetGuid(1), r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), r.GetInt32(4), r.GetInt32(5),
                    r.IsDBNull(6) ? null : r.GetString(6), r.GetFieldValue<string[]>(7)));
        }

        foreach (var n in numbers)
        {
            // Deliveries: silent for SilenceAfter after traffic within the window; back as soon as an event is recent again.
            var silent = n.LastEventAt is { } last && last >= now - o.TrafficWindow && last < now - o.SilenceAfter;
            var hearing = n.LastEventAt is { } l && l >= now - o.SilenceAfter;
            await ApplyAsync(conn, tx, n, ChannelAlertKinds.DeliveriesStopped, silent, hearing, now,
                new { last_event_at = n.LastEventAt, silence_hours = o.SilenceAfter.TotalHours }, ct);

            // Sends: the last N settled sends all failed; back when the latest settled send went out.
            var failing = n.Settled >= o.FailedInARow && n.Failed == n.Settled;
            await ApplyAsync(conn, tx, n, ChannelAlertKinds.SendsFailing, failing, n.LatestSend == "sent", now,
                new { failed_in_a_row = n.Failed, error_codes = n.ErrorCodes }, ct);
        }

        var messages = outbox.Begin();
        var notified = await NotifyAsync(conn, tx, messages, now, ct);
        await messages.StoreAsync(tx, ct);
        await tx.CommitAsync(ct);
        await messages.SentAsync();
        if (notified > 0) logger.LogInformation("Queued {Messages} channel alert messages to owners' WhatsApp", notified);
        return true;
    }

    private async Task ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, NumberState n, string kind, bool open, bool recovered,
        DateTimeOffset now, object detail, CancellationToken ct)
    {
        if (open)
        {
            await using var cmd = Command(conn, tx, OpenSql, n.MerchantId, n.ChannelAccountId, kind, now, JsonSerializer.Serialize(detail));
            if (await cmd.ExecuteScalarAsync(ct) is Guid id)
            {
                _opened.Add(1, new KeyValuePair<string, object?>("kind", kind));
                logger.LogWarning("Channel alert {AlertId} opened: {Kind} on channel account {ChannelAccountId} of merchant {MerchantId} (last event {LastEventAt}, {FailedInARow} failed sends in a row)",
                    id, kind, n.ChannelAccountId, n.MerchantId, n.LastEventAt, n.Failed);
            }
        }
        else if (recovered)
        {
            await using var cmd = Command(conn, tx, ResolveSql, n.ChannelAccountId, kind, now);
            if (await cmd.ExecuteScalarAsync(ct) is Guid id)
                logger.LogInformation("Channel alert {AlertId} resolved: {Kind} on channel account {ChannelAccountId} of merchant {MerchantId}",
                    id, kind, n.ChannelAccountId, n.MerchantId);
        }
    }

    /// <summary>Claims every open, unannounced alert of a shop with an owner to tell, and queues one message per owner.</summary>
    private async Task<int> NotifyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, OutboxMessages messages, DateTimeOffset now, CancellationToken ct)
    {
        var claimed = new List<(Guid Id, Guid MerchantId, Guid ChannelAccountId, string Kind, string Name)>();
        await using (var cmd = Command(conn, tx, UnnotifiedSql, now))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) claimed.Add((r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4)));

        var queued = 0;
        foreach (var a in claimed)
        {
            var phones = new List<Guid>();
            await using (var cmd = Command(conn, tx, OwnerPhonesSql, a.MerchantId, a.ChannelAccountId))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) phones.Add(r.GetGuid(0));
            foreach (var phone in phones)
                await StaffOutbox.AddAsync(conn, tx, messages, a.MerchantId, phone, AlertText(a.Kind, a.Name, a.ChannelAccountId), "alert." + a.Kind, ct);
            queued += phones.Count;
            logger.LogInformation("Channel alert {AlertId} ({Kind}) sent to {Owners} owners of merchant {MerchantId}", a.Id, a.Kind, phones.Count, a.MerchantId);
        }
        return queued;
    }

    /// <summary>What the owner reads on WhatsApp: Arabic first (the shop's language), English under it.</summary>
    public string AlertText(string kind, string number, Guid channelAccountId)
    {
        var o = options.Value;
        var page = $"/channels/{channelAccountId}/health";
        var hours = o.SilenceAfter.TotalHours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        return kind == ChannelAlertKinds.DeliveriesStopped
            ? $"⚠️ رقم الواتساب {number}: ما وصلتنا أي رسالة من {hours} ساعات. تأكد من ربط الرقم بالـ webhook في Meta.\n" +
              $"WhatsApp number {number}: no webhook events for {hours} h. Check the number's webhook subscription in Meta.\n{page}"
            : $"⚠️ رقم الواتساب {number}: آخر {o.FailedInARow} رسائل ما انرسلت. راجع صفحة صحة الرقم.\n" +
              $"WhatsApp number {number}: the last {o.FailedInARow} sends failed. See the number's health page.\n{page}";
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, params object[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return cmd;
    }

    private sealed record NumberState(Guid ChannelAccountId, Guid MerchantId, string Name, DateTimeOffset? LastEventAt,
        int Settled, int Failed, string? LatestSend, string[] ErrorCodes);
}
