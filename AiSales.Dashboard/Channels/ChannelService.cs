using AiSales.Core.Audit;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Security;
using AiSales.Core.Sending;
using AiSales.Core.Tenancy;
using AiSales.Dashboard.Localization;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Channels;

/// <summary>
/// The merchant's channel accounts: list, connect by token, reconnect with a new token, disable. Tokens are encrypted
/// with <see cref="TokenProtector"/> before they reach the database and are never read back into a page.
/// Writes go through <see cref="MerchantData"/> (tenant role + RLS, migration 0004 grants the writes).
/// </summary>
public sealed class ChannelService(MerchantData data, ICurrentMerchant current, ChannelReconnector reconnector, TimeProvider clock,
    ILogger<ChannelService> logger, TokenProtector? protector = null)
{
    public bool CanStoreTokens => protector is not null;

    public Task<List<ChannelRow>> ListAsync(CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => db.ChannelAccounts.AsNoTracking()
            .Where(a => a.MerchantId == merchantId)
            .OrderBy(a => a.Status == ChannelStatus.NeedsReconnect ? 0 : a.Status == ChannelStatus.Active ? 1 : 2).ThenBy(a => a.CreatedAt)
            .Select(a => new ChannelRow(a.Id, a.Platform, a.Provider, a.ExternalId, a.DisplayName, a.Status, a.LastError, a.TokenExpiresAt,
                a.AccessTokenEncrypted != null, a.UpdatedAt))
            .ToListAsync(ct), ct);

    /// <summary>Creates the account, or replaces the token of this merchant's existing account with the same platform and id.</summary>
    public async Task<ChannelActionResult> ConnectAsync(ConnectChannelForm form, DateTimeOffset? tokenExpiresAt = null, CancellationToken ct = default)
    {
        if (form.Validate() is { } error) return new(false, error);
        if (protector is null) return new(false, "channels.error.noKey");
        var platform = EnumDisplay.ParseOrNull<ChannelPlatform>(form.Platform)!.Value;
        var provider = EnumDisplay.ParseOrNull<ChannelProvider>(form.Provider)!.Value;
        var externalId = form.ExternalId.Trim();
        var encrypted = protector.Protect(form.AccessToken.Trim());
        form.AccessToken = ""; // never echoed back into the re-rendered form

        var outcome = await data.RunAsync(async (db, merchantId) =>
        {
            var existing = await db.ChannelAccounts.FirstOrDefaultAsync(a => a.Platform == platform && a.ExternalId == externalId, ct);
            if (existing is not null && existing.MerchantId != merchantId) return (Result: new ChannelActionResult(false, "channels.error.taken"), Id: Guid.Empty, Reconnect: false);
            if (existing is not null)
                return (Result: new ChannelActionResult(true, "channels.reconnected"), Id: existing.Id, Reconnect: true);
            var now = clock.GetUtcNow();
            var account = new ChannelAccount
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, Platform = platform, Provider = provider, ExternalId = externalId,
                DisplayName = string.IsNullOrWhiteSpace(form.DisplayName) ? null : form.DisplayName.Trim(), Status = ChannelStatus.Active,
                AccessTokenEncrypted = encrypted, TokenExpiresAt = tokenExpiresAt, CreatedAt = now, UpdatedAt = now,
            };
            db.ChannelAccounts.Add(account);
            new AuditLog(db).Add(merchantId, current.UserId, AuditActions.ChannelConnected, "channel_account", account.Id.ToString(),
                new { platform = form.Platform, provider = form.Provider, external_id = externalId });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
            {
                // RLS hides another merchant's row from the lookup above; the unique (platform, external_id) still catches it.
                return (Result: new ChannelActionResult(false, "channels.error.taken"), Id: Guid.Empty, Reconnect: false);
            }
            logger.LogInformation("Channel {Platform}/{Provider} {ExternalId} connected for merchant {MerchantId}", platform, provider, externalId, merchantId);
            return (Result: new ChannelActionResult(true, "channels.connected"), Id: account.Id, Reconnect: false);
        }, ct);
        return outcome.Reconnect ? await ReconnectWithEncryptedAsync(outcome.Id, encrypted, tokenExpiresAt, ct) : outcome.Result;
    }

    /// <summary>New token for an existing account: active again, and whatever was parked waiting for it is sent.</summary>
    public async Task<ChannelActionResult> ReconnectAsync(Guid accountId, string accessToken, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(accessToken) || accessToken.Trim().Length < 10) return new(false, "channels.error.token");
        if (protector is null) return new(false, "channels.error.noKey");
        return await ReconnectWithEncryptedAsync(accountId, protector.Protect(accessToken.Trim()), null, ct);
    }

    private async Task<ChannelActionResult> ReconnectWithEncryptedAsync(Guid accountId, byte[] encrypted, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var owned = await data.RunAsync((db, merchantId) => db.ChannelAccounts.AnyAsync(a => a.Id == accountId && a.MerchantId == merchantId, ct), ct);
        if (!owned) return new(false, "channels.error.notFound");
        // One transaction in the send pipeline: new token + active + every parked send re-enqueued (ownership checked above).
        var resumed = await reconnector.ReconnectChannelAsync(accountId, encrypted, ct);
        await data.RunAsync(async (db, merchantId) =>
        {
            if (expiresAt is not null)
                await db.ChannelAccounts.Where(a => a.Id == accountId && a.MerchantId == merchantId)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.TokenExpiresAt, expiresAt), ct);
            await new AuditLog(db).RecordAsync(merchantId, current.UserId, AuditActions.ChannelReconnected, "channel_account", accountId.ToString(),
                new { resumed }, ct);
        }, ct);
        return new(true, "channels.reconnected", resumed);
    }

    public Task<ChannelActionResult> DisableAsync(Guid accountId, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var account = await db.ChannelAccounts.FirstOrDefaultAsync(a => a.Id == accountId && a.MerchantId == merchantId, ct);
            if (account is null) return new ChannelActionResult(false, "channels.error.notFound");
            account.Status = ChannelStatus.Disabled;
            account.UpdatedAt = clock.GetUtcNow();
            new AuditLog(db).Add(merchantId, current.UserId, AuditActions.ChannelDisabled, "channel_account", accountId.ToString());
            await db.SaveChangesAsync(ct);
            return new ChannelActionResult(true, "channels.disabled");
        }, ct);

    /// <summary>The decrypted token and send shape of one of this merchant's accounts, for the test send (never rendered).</summary>
    internal Task<(ChannelAccount Account, string? Token)?> ReadForSendAsync(Guid accountId, CancellationToken ct) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var a = await db.ChannelAccounts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == accountId && x.MerchantId == merchantId, ct);
            if (a is null) return ((ChannelAccount, string?)?)null;
            return (a, a.AccessTokenEncrypted is { } bytes && protector is not null ? protector.Unprotect(bytes) : null);
        }, ct);
}
