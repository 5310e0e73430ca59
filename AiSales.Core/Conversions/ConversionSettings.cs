using System.Text.RegularExpressions;
using AiSales.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiSales.Core.Conversions;

/// <summary>
/// An ad account as the conversions page shows it (never a token: only whether one is saved, and whether it is a token
/// of its own for events rather than the account's).
/// </summary>
/// <remarks>LastErrorKind and LastErrorCode are those of the newest event that failed, whose words the account's LastError keeps.</remarks>
public sealed record CapiAccountView(Guid Id, string ExternalId, string? Name, bool HasToken, bool OwnToken, bool Enabled, string? DatasetId, string State,
    string? LastError, DateTimeOffset? LastSentAt, int Sent, int Pending, int Failed, string? LastErrorKind = null, int? LastErrorCode = null);

/// <summary>One event as the page lists it.</summary>
public sealed record CapiEventView(long Id, Guid AdAccountId, Guid OrderId, long OrderNumber, string EventKey, string EventName, long ValueIqd, string Currency,
    string? Channel, string State, int Attempts, string? ErrorKind, string? LastError, int? LastErrorCode, DateTimeOffset EventTime, DateTimeOffset? SentAt);

/// <summary>
/// What the owner changes and reads on the conversions page: turn CAPI on for an ad account with its dataset id (and,
/// optionally, a token of its own for events, encrypted with <see cref="TokenProtector"/>), list what was sent, send a
/// failed event again. Plain SQL on the caller's connection (the dashboard's tenant-bound one, RLS on top) and every
/// statement filters by the merchant. A token is never returned, logged or shown.
/// </summary>
public sealed partial class ConversionSettings(IServiceProvider services, ILogger<ConversionSettings> logger)
{
    public const int EventsShown = 100;
    public const int MaxTokenLength = 2048;

    /// <summary>A pasted dataset (pixel) id: digits only; null when it is not one.</summary>
    public static string? NormalizeDatasetId(string? raw) => raw?.Trim() is { } id && Digits().IsMatch(id) ? id : null;

    /// <summary>
    /// Turns CAPI on (with a dataset id) or off for one of the merchant's accounts; a pasted token (empty: keep what is
    /// saved) becomes the account's token for events. Returns null when done, else the text key of what is wrong: no
    /// such account, no dataset id, a malformed token, no key to encrypt it, or no token at all to send with.
    /// </summary>
    public async Task<string?> SetAsync(NpgsqlConnection conn, Guid merchantId, Guid accountId, bool enabled, string? rawDatasetId, string? rawToken,
        CancellationToken ct)
    {
        var dataset = NormalizeDatasetId(rawDatasetId);
        if (enabled && dataset is null) return "capi.err.dataset";
        byte[]? token = null;
        if (rawToken?.Trim() is { Length: > 0 } plain)
        {
            if (plain.Length > MaxTokenLength || plain.Any(char.IsWhiteSpace)) return "capi.err.token";
            if (services.GetService<TokenProtector>() is not { } protector) return "capi.err.noKey";
            token = protector.Protect(plain);
        }
        await using var cmd = new NpgsqlCommand("""
            UPDATE ad_accounts SET capi_token_encrypted = coalesce($5, capi_token_encrypted),
                capi_enabled = $3 AND coalesce($5, capi_token_encrypted, access_token_encrypted) IS NOT NULL,
                capi_dataset_id = coalesce($4, capi_dataset_id), updated_at = now()
            WHERE id = $2 AND merchant_id = $1
            RETURNING coalesce(capi_token_encrypted, access_token_encrypted) IS NOT NULL
            """, conn);
        foreach (var v in new object?[] { merchantId, accountId, enabled, dataset, token }) cmd.Parameters.Add(new() { Value = v ?? DBNull.Value });
        cmd.Parameters[4].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea;
        var hasToken = await cmd.ExecuteScalarAsync(ct);
        if (hasToken is null) return "capi.err.account";
        if (enabled && hasToken is false) return "capi.err.noToken";
        logger.LogInformation("Conversions API {State} for ad account {AdAccountId} of merchant {MerchantId} (new token for events: {NewToken})",
            enabled ? "on" : "off", accountId, merchantId, token is not null);
        return null;
    }

    /// <summary>Puts a failed event back in the queue; false when it is not a failed event of this merchant.</summary>
    public static async Task<bool> RetryAsync(NpgsqlConnection conn, Guid merchantId, long eventId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE capi_events SET state = 'pending', attempts = 0, next_attempt_at = now(), queued_at = NULL, updated_at = now()
            WHERE id = $2 AND merchant_id = $1 AND state = 'failed'
            """, conn);
        cmd.Parameters.Add(new() { Value = merchantId });
        cmd.Parameters.Add(new() { Value = eventId });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public static async Task<IReadOnlyList<CapiAccountView>> AccountsAsync(NpgsqlConnection conn, Guid merchantId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT a.id, a.external_id, a.name, coalesce(a.capi_token_encrypted, a.access_token_encrypted) IS NOT NULL,
                   a.capi_token_encrypted IS NOT NULL, a.capi_enabled, a.capi_dataset_id, a.capi_state,
                   a.capi_last_error, a.capi_last_sent_at,
                   (SELECT count(*)::int FROM capi_events e WHERE e.ad_account_id = a.id AND e.merchant_id = $1 AND e.state = 'sent'),
                   (SELECT count(*)::int FROM capi_events e WHERE e.ad_account_id = a.id AND e.merchant_id = $1 AND e.state = 'pending'),
                   (SELECT count(*)::int FROM capi_events e WHERE e.ad_account_id = a.id AND e.merchant_id = $1 AND e.state = 'failed'),
                   last.error_kind, last.last_error_code
            FROM ad_accounts a
            LEFT JOIN LATERAL (SELECT e.error_kind, e.last_error_code FROM capi_events e
                               WHERE e.ad_account_id = a.id AND e.merchant_id = $1 AND e.error_kind IS NOT NULL
                               ORDER BY e.updated_at DESC, e.id DESC LIMIT 1) last ON a.capi_last_error IS NOT NULL
            WHERE a.merchant_id = $1 ORDER BY a.created_at, a.id
            """, conn);
        cmd.Parameters.Add(new() { Value = merchantId });
        var list = new List<CapiAccountView>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new(r.GetGuid(0), r.GetString(1), Text(r, 2), r.GetBoolean(3), r.GetBoolean(4), r.GetBoolean(5), Text(r, 6), r.GetString(7), Text(r, 8),
                r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), Text(r, 13),
                r.IsDBNull(14) ? null : r.GetInt32(14)));
        return list;
    }

    /// <summary>The newest events first.</summary>
    public static async Task<IReadOnlyList<CapiEventView>> EventsAsync(NpgsqlConnection conn, Guid merchantId, int limit, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT id, ad_account_id, order_id, order_number, event_key, event_name, value_iqd, currency, channel, state, attempts, error_kind, last_error,
                   last_error_code, event_time, sent_at
            FROM capi_events WHERE merchant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2
            """, conn);
        cmd.Parameters.Add(new() { Value = merchantId });
        cmd.Parameters.Add(new() { Value = limit });
        var list = new List<CapiEventView>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new(r.GetInt64(0), r.GetGuid(1), r.GetGuid(2), r.GetInt64(3), r.GetString(4), r.GetString(5), r.GetInt64(6), r.GetString(7), Text(r, 8),
                r.GetString(9), r.GetInt32(10), Text(r, 11), Text(r, 12), r.IsDBNull(13) ? null : r.GetInt32(13), r.GetFieldValue<DateTimeOffset>(14),
                r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15)));
        return list;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    [GeneratedRegex("^[0-9]{1,30}$")]
    private static partial Regex Digits();
}
