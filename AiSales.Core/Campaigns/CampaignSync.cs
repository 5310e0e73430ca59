using System.Globalization;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Core.Campaigns;

public enum SyncOutcome { Synced, Skipped, Throttled, Failed, NeedsReconnect }

/// <summary>
/// Fetches one ad account's campaigns and the last <see cref="CampaignOptions.LookbackDays"/> days of per-ad daily insights
/// and stores them. Safe with several Workers: an account is claimed with a lease first (a second Worker skips it), and
/// the days fetched are replaced in one transaction (delete the range, insert what Meta returned, keyed by account, ad and
/// day), so a re-sync replaces a day's numbers and two writers can never add them up. The outcome is written on the
/// account for the CRM page: last attempt and success, the state, Meta's error in words, when it is due next.
/// </summary>
public sealed class CampaignSync(NpgsqlDataSource dataSource, TokenProtector tokens, MarketingApiClient api, IOptions<CampaignOptions> options,
    TimeProvider time, ILogger<CampaignSync> logger)
{
    // The claim: enabled, has a token, not held by another Worker. The merchant's zone gives "today" for the range.
    private const string ClaimSql = """
        UPDATE ad_accounts a SET sync_claimed_until = $2
        FROM merchants m
        WHERE a.id = $1 AND m.id = a.merchant_id AND a.sync_enabled AND a.access_token_encrypted IS NOT NULL
          AND (a.sync_claimed_until IS NULL OR a.sync_claimed_until < $3)
        RETURNING a.merchant_id, a.external_id, a.access_token_encrypted, m.time_zone
        """;

    /// <summary>Accounts due now (or pressed "sync now"), oldest first; the claim decides who actually syncs each.</summary>
    public async Task<IReadOnlyList<Guid>> DueAccountsAsync(int limit, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var cmd = dataSource.CreateCommand("""
            SELECT id FROM ad_accounts
            WHERE sync_enabled AND access_token_encrypted IS NOT NULL AND sync_state <> 'needs_reconnect'
              AND (next_sync_at IS NULL OR next_sync_at <= $1) AND (sync_claimed_until IS NULL OR sync_claimed_until < $1)
            ORDER BY next_sync_at NULLS FIRST LIMIT $2
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = limit });
        var ids = new List<Guid>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
        return ids;
    }

    public async Task<SyncOutcome> SyncAsync(Guid accountId, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        Guid merchantId;
        string externalId, token, zone;
        await using (var claim = dataSource.CreateCommand(ClaimSql))
        {
            claim.Parameters.Add(new() { Value = accountId });
            claim.Parameters.Add(new() { Value = now + o.ClaimLease });
            claim.Parameters.Add(new() { Value = now });
            await using var r = await claim.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return SyncOutcome.Skipped;
            (merchantId, externalId, zone) = (r.GetGuid(0), r.GetString(1), r.GetString(3));
            try
            {
                token = tokens.Unprotect(r.GetFieldValue<byte[]>(2));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                await r.DisposeAsync();
                await FinishAsync(accountId, AdSyncStates.NeedsReconnect, null, "The saved token cannot be read with the current encryption key; save it again.", null, ct);
                return SyncOutcome.NeedsReconnect;
            }
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz) ? tz : TimeZoneInfo.Utc).DateTime);
        var since = today.AddDays(1 - o.LookbackDays);
        try
        {
            var version = o.GraphApiVersion.Trim('/');
            var campaigns = (await api.GetAllAsync($"{version}/act_{externalId}/campaigns?fields=id,name,status,objective&limit=200", token, ct))
                .Select(InsightRows.ParseCampaign).OfType<CampaignRow>().ToList();
            var range = Uri.EscapeDataString($"{{\"since\":\"{Day(since)}\",\"until\":\"{Day(today)}\"}}");
            var raw = await api.GetAllAsync($"{version}/act_{externalId}/insights?level=ad&time_increment=1" +
                $"&fields=campaign_id,campaign_name,adset_id,ad_id,ad_name,spend,impressions,clicks,actions&time_range={range}&limit=500", token, ct);
            var rows = raw.Select(InsightRows.Parse).OfType<InsightRow>().ToList();
            await StoreAsync(accountId, merchantId, campaigns, rows, since, today, ct);
            logger.LogInformation("Ad account {AdAccountId} of merchant {MerchantId} synced: {Campaigns} campaigns, {Rows} ad-days ({Skipped} rows unreadable) for {Since}..{Until}",
                accountId, merchantId, campaigns.Count, rows.Count, raw.Count - rows.Count, since, today);
            return SyncOutcome.Synced;
        }
        catch (MarketingApiException e)
        {
            var (state, outcome, next) = e.Kind switch
            {
                MarketingErrorKind.Token => (AdSyncStates.NeedsReconnect, SyncOutcome.NeedsReconnect, (DateTimeOffset?)null),
                MarketingErrorKind.Throttled => (AdSyncStates.Throttled, SyncOutcome.Throttled, time.GetUtcNow() + Max(e.RetryAfter, o.ThrottleBackoff)),
                _ => (AdSyncStates.Failing, SyncOutcome.Failed, time.GetUtcNow() + o.FailureBackoff),
            };
            logger.LogWarning("Ad account {AdAccountId} of merchant {MerchantId} sync stopped: {ErrorKind} (Meta code {MetaCode}/{MetaSubcode}): {MetaMessage}; next try {NextSyncAt}",
                accountId, merchantId, e.Kind, e.Code, e.Subcode, e.Message, next);
            await FinishAsync(accountId, state, e.Code, e.Message, next, ct);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug or a database error: still release the claim and tell the merchant, instead of a silent 10-minute lease.
            logger.LogError(e, "Ad account {AdAccountId} of merchant {MerchantId} sync failed unexpectedly", accountId, merchantId);
            await FinishAsync(accountId, AdSyncStates.Failing, null, "Unexpected error while storing the results; we will try again.",
                time.GetUtcNow() + o.FailureBackoff, CancellationToken.None);
            return SyncOutcome.Failed;
        }
    }

    private static TimeSpan Max(TimeSpan? a, TimeSpan b) => a is { } x && x > b ? x : b;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task StoreAsync(Guid accountId, Guid merchantId, List<CampaignRow> campaigns, List<InsightRow> rows, DateOnly since, DateOnly until, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var c in campaigns)
            await ExecAsync(conn, tx, """
                INSERT INTO ad_campaigns (ad_account_id, campaign_id, merchant_id, name, status, objective, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (ad_account_id, campaign_id) DO UPDATE SET name = excluded.name, status = excluded.status,
                    objective = excluded.objective, updated_at = excluded.updated_at
                """, ct, accountId, c.CampaignId, merchantId, c.Name, c.Status, c.Objective, now);
        // Campaigns seen only in insights (archived ones are not listed) still get a row with their name.
        foreach (var c in rows.GroupBy(r => r.CampaignId).Where(g => campaigns.All(c => c.CampaignId != g.Key)))
            await ExecAsync(conn, tx, """
                INSERT INTO ad_campaigns (ad_account_id, campaign_id, merchant_id, name, updated_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (ad_account_id, campaign_id) DO UPDATE SET name = coalesce(excluded.name, ad_campaigns.name)
                """, ct, accountId, c.Key, merchantId, c.Select(r => r.CampaignName).FirstOrDefault(n => n is not null), now);

        await ExecAsync(conn, tx, "DELETE FROM ad_insights_daily WHERE ad_account_id = $1 AND day BETWEEN $2 AND $3", ct, accountId, since, until);
        foreach (var r in rows)
            await ExecAsync(conn, tx, """
                INSERT INTO ad_insights_daily (ad_account_id, ad_id, day, merchant_id, campaign_id, campaign_name, adset_id, ad_name,
                    spend, impressions, clicks, meta_leads, synced_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                ON CONFLICT (ad_account_id, ad_id, day) DO UPDATE SET campaign_id = excluded.campaign_id, campaign_name = excluded.campaign_name,
                    adset_id = excluded.adset_id, ad_name = excluded.ad_name, spend = excluded.spend, impressions = excluded.impressions,
                    clicks = excluded.clicks, meta_leads = excluded.meta_leads, synced_at = excluded.synced_at
                """, ct, accountId, r.AdId, r.Day, merchantId, r.CampaignId, r.CampaignName, r.AdsetId, r.AdName, r.Spend, r.Impressions,
                r.Clicks, r.MetaLeads, now);

        await ExecAsync(conn, tx, """
            UPDATE ad_accounts SET sync_state = 'ok', last_sync_at = $2, last_success_at = $2, last_error = NULL, last_error_code = NULL,
                next_sync_at = $3, sync_claimed_until = NULL, updated_at = $2
            WHERE id = $1
            """, ct, accountId, now, now + options.Value.SyncInterval);
        await tx.CommitAsync(ct);
    }

    private async Task FinishAsync(Guid accountId, string state, int? code, string error, DateTimeOffset? next, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await ExecAsync(conn, null, """
            UPDATE ad_accounts SET sync_state = $2, last_sync_at = $3, last_error = $4, last_error_code = $5, next_sync_at = $6,
                sync_claimed_until = NULL, updated_at = $3
            WHERE id = $1
            """, ct, accountId, state, now, error, code, next);
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
