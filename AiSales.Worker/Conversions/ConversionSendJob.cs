using System.Security.Cryptography;
using AiSales.Core.Campaigns;
using AiSales.Core.Conversions;
using AiSales.Core.Security;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Conversions;

/// <summary>
/// Sends one capi_events row to Meta. Safe to run twice, concurrently or after a crash: only a pending row is claimed,
/// under a lease, so a redelivered job after a success finds the row sent and does nothing, and two deliveries at once
/// post once. If the answer to a post is lost the retry posts the same event_id, which Meta dedupes. Throttling
/// (codes 4/17/32/613), 5xx and timeouts are retried with backoff (<see cref="ConversionsOptions.FirstRetryDelay"/> × 4ⁿ)
/// until <see cref="ConversionsOptions.MaxAttempts"/>; a refused token fails the event and marks the account "needs
/// reconnect" (events wait for a new token instead of calling Meta again); any other refusal fails the event for good.
/// </summary>
public sealed class ConversionSendJob(NpgsqlDataSource dataSource, ConversionsApiClient api, TokenProtector protector,
    IOptions<ConversionsOptions> options, ILogger<ConversionSendJob> logger)
{
    private const string ClaimSql = """
        UPDATE capi_events SET locked_until = now() + $2
        WHERE id = $1 AND state = 'pending' AND (locked_until IS NULL OR locked_until < now())
        RETURNING merchant_id, ad_account_id, order_id, order_number, event_key, event_name, event_id, event_time, value_iqd, currency
        """;

    private const string ContextSql = """
        SELECT a.capi_enabled, a.capi_dataset_id, coalesce(a.capi_token_encrypted, a.access_token_encrypted), a.capi_state,
               ca.platform, ca.external_id, ca.settings->>'waba_id', c.external_id, coalesce(c.phone, o.phone),
               coalesce(c.last_touch->>'ctwa_clid', c.first_touch->>'ctwa_clid')
        FROM capi_events e
        JOIN ad_accounts a ON a.id = e.ad_account_id
        JOIN orders o ON o.id = e.order_id
        JOIN contacts c ON c.id = o.contact_id
        JOIN channel_accounts ca ON ca.id = c.channel_account_id
        WHERE e.id = $1
        """;

    private const string SentSql = """
        WITH e AS (
            UPDATE capi_events SET state = 'sent', sent_at = now(), fbtrace_id = $2, attempts = attempts + 1, error_kind = NULL, last_error = NULL,
                last_error_code = NULL, queued_at = NULL, locked_until = NULL, updated_at = now()
            WHERE id = $1 RETURNING ad_account_id)
        UPDATE ad_accounts SET capi_state = 'ok', capi_last_error = NULL, capi_last_sent_at = now() WHERE id = (SELECT ad_account_id FROM e)
        """;

    // $3 kind, $4 message, $5 code, $6 final (no retry), $7 max attempts, $8 first delay (s), $9 the account's state after it.
    private const string FailedSql = """
        WITH e AS (
            UPDATE capi_events SET attempts = attempts + 1, error_kind = $3, last_error = $4, last_error_code = $5,
                state = CASE WHEN $6 OR attempts + 1 >= $7 THEN 'failed' ELSE 'pending' END,
                next_attempt_at = now() + make_interval(secs => least(3600, $8 * power(4, attempts))),
                queued_at = NULL, locked_until = NULL, updated_at = now()
            WHERE id = $1)
        UPDATE ad_accounts SET capi_state = $9, capi_last_error = $4 WHERE id = $2 AND $9 IS NOT NULL
        """;

    public async Task RunAsync(long eventId, CancellationToken ct)
    {
        var o = options.Value;
        var row = await ClaimAsync(eventId, o.RequeueAfter, ct);
        if (row is null)
        {
            logger.LogInformation("Conversions event {CapiEventId}: not pending or another job holds it", eventId);
            return;
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CapiEventId"] = eventId, ["MerchantId"] = row.MerchantId });
        try
        {
            var (enabled, datasetId, token, state, customer) = await LoadAsync(eventId, ct);
            if (!enabled || datasetId is null)
            {
                await ExecAsync("UPDATE capi_events SET state = 'skipped', locked_until = NULL, queued_at = NULL, updated_at = now() WHERE id = $1", ct, eventId);
                logger.LogInformation("Conversions event {CapiEventId} skipped: CAPI was turned off for ad account {AdAccountId}", eventId, row.AdAccountId);
                return;
            }
            if (token is null) throw new CapiSetupException("The ad account has no token saved; connect it again or save a token for events.");
            if (state == CapiAccountStates.NeedsReconnect)
                throw new MarketingApiException(MarketingErrorKind.Token, null, null, "Meta refused this ad account's token; connect it again on the CRM page.", null);
            var evt = ConversionEvent.Build(row, customer, await ItemsAsync(row.OrderId, ct));
            var receipt = await api.SendAsync(datasetId, protector.Unprotect(token), evt, ct);
            if (receipt.EventsReceived < 1)
                throw new MarketingApiException(MarketingErrorKind.Other, null, null, "Meta answered but received no event.", null);
            await RecordSentAsync(eventId, receipt.FbTraceId, ct);
            logger.LogInformation("Conversions event {CapiEventId} ({EventName} of order {OrderNumber}) sent to dataset {DatasetId}, trace {FbTraceId}",
                eventId, row.EventName, row.OrderNumber, datasetId, receipt.FbTraceId);
        }
        catch (Exception e) when (e is MarketingApiException or CapiSetupException or CryptographicException)
        {
            var (kind, final, accountState, code) = e switch
            {
                MarketingApiException { Kind: MarketingErrorKind.Token } m => (CapiErrorKinds.Token, true, CapiAccountStates.NeedsReconnect, m.Code),
                MarketingApiException { Kind: MarketingErrorKind.Throttled } m => (CapiErrorKinds.Throttled, false, CapiAccountStates.Failing, m.Code),
                MarketingApiException { Kind: MarketingErrorKind.Transient } m => (CapiErrorKinds.Transient, false, CapiAccountStates.Failing, m.Code),
                MarketingApiException m => (CapiErrorKinds.Rejected, true, CapiAccountStates.Failing, m.Code),
                _ => (CapiErrorKinds.Setup, true, (string?)null, (int?)null),
            };
            var message = e is CryptographicException ? "The saved token cannot be decrypted; connect the ad account again." : e.Message;
            await using var cmd = dataSource.CreateCommand(FailedSql);
            foreach (var v in new object?[] { eventId, row.AdAccountId, kind, Truncate(message), code, final, o.MaxAttempts, o.FirstRetryDelay.TotalSeconds, accountState })
                cmd.Parameters.Add(new() { Value = v ?? DBNull.Value });
            cmd.Parameters[8].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
            await cmd.ExecuteNonQueryAsync(ct);
            logger.LogWarning("Conversions event {CapiEventId} ({EventName} of order {OrderNumber}) not sent: {ErrorKind} (Meta code {MetaCode}){Final}",
                eventId, row.EventName, row.OrderNumber, kind, code, final ? ", failed for good" : ", will retry");
        }
        catch
        {
            // Our own database failed: free the lease so the redelivered job can run at once.
            await ExecAsync("UPDATE capi_events SET locked_until = NULL WHERE id = $1", CancellationToken.None, eventId);
            throw;
        }
    }

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500];

    private async Task<CapiEventRow?> ClaimAsync(long eventId, TimeSpan lease, CancellationToken ct)
    {
        await using var claim = dataSource.CreateCommand(ClaimSql);
        claim.Parameters.Add(new() { Value = eventId });
        claim.Parameters.Add(new() { Value = lease });
        await using var r = await claim.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new CapiEventRow(eventId, r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetInt64(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetFieldValue<DateTimeOffset>(7), r.GetInt64(8), r.GetString(9))
            : null;
    }

    private async Task<(bool Enabled, string? DatasetId, byte[]? Token, string State, CapiCustomer Customer)> LoadAsync(long eventId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(ContextSql);
        cmd.Parameters.Add(new() { Value = eventId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new CapiSetupException("The order or its customer no longer exists.");
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return (r.GetBoolean(0), Text(1), r.IsDBNull(2) ? null : r.GetFieldValue<byte[]>(2), r.GetString(3),
            new CapiCustomer(r.GetString(4), r.GetString(5), Text(6), r.GetString(7), Text(8), Text(9)));
    }

    private async Task<List<CapiItem>> ItemsAsync(Guid orderId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT sku, quantity, unit_price_iqd FROM order_items WHERE order_id = $1 ORDER BY id");
        cmd.Parameters.Add(new() { Value = orderId });
        var items = new List<CapiItem>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) items.Add(new CapiItem(r.IsDBNull(0) ? null : r.GetString(0), r.GetInt32(1), r.GetInt64(2)));
        return items;
    }

    /// <summary>
    /// Meta has the event; only our record of it is left. A failed write (a busy pool, a dropped connection) is tried
    /// again here, briefly, because the job's own retry would claim the still-pending row and post the event a second
    /// time (Meta dedupes the event_id, but the merchant's numbers must not depend on that).
    /// </summary>
    private async Task RecordSentAsync(long eventId, string? fbTraceId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecAsync(SentSql, ct, eventId, fbTraceId);
                return;
            }
            catch (Exception e) when (attempt < 3 && e is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Recording Conversions event {CapiEventId} as sent failed (attempt {Attempt}); trying again", eventId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), ct);
            }
        }
    }

    private async Task ExecAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
