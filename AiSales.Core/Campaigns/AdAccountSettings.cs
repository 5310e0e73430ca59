using System.Text.RegularExpressions;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiSales.Core.Campaigns;

/// <summary>The result of a connect or test: ok with what Meta said, or a text key for the page and Meta's own words.</summary>
public sealed record AdAccountCheck(bool Ok, string? ErrorKey, string? Detail, AdAccountInfo? Info)
{
    public static AdAccountCheck Fail(string key, string? detail = null) => new(false, key, detail, null);
}

/// <summary>
/// What the merchant changes on /crm: connect an ad account (the id and a token, tested against
/// GET /act_{id}?fields=name,currency,account_status before it is saved, then encrypted with <see cref="TokenProtector"/>),
/// test it again, set the exchange rate, ask for a sync now. Works on the caller's DbContext (the dashboard's
/// tenant-bound one) and always filters by the merchant. The token is never returned, logged or shown.
/// </summary>
public sealed partial class AdAccountSettings(MarketingApiClient api, IServiceProvider services, TimeProvider time, ILogger<AdAccountSettings> logger)
{
    public const int MaxTokenLength = 2048;

    /// <summary>"act_123", "123" or a pasted "act_123 " → "123"; null when it is not an ad account id.</summary>
    public static string? NormalizeId(string? raw)
    {
        var id = raw?.Trim() ?? "";
        if (id.StartsWith("act_", StringComparison.OrdinalIgnoreCase)) id = id[4..];
        return Digits().IsMatch(id) ? id : null;
    }

    public async Task<AdAccountCheck> ConnectAsync(AiSalesDbContext db, Guid merchantId, string? rawId, string? token, CancellationToken ct)
    {
        if (NormalizeId(rawId) is not { } externalId) return AdAccountCheck.Fail("crm.err.id");
        token = token?.Trim();
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || token.Any(char.IsWhiteSpace)) return AdAccountCheck.Fail("crm.err.token");
        if (services.GetService<TokenProtector>() is not { } protector) return AdAccountCheck.Fail("crm.err.noKey");

        var check = await CheckAsync(externalId, token, ct);
        if (!check.Ok) return check;
        var now = time.GetUtcNow();
        var account = await db.AdAccounts.FirstOrDefaultAsync(a => a.MerchantId == merchantId && a.ExternalId == externalId, ct);
        if (account is null)
            account = db.AdAccounts.Add(new AdAccount { Id = Guid.CreateVersion7(), MerchantId = merchantId, ExternalId = externalId, CreatedAt = now }).Entity;
        Apply(account, check.Info!);
        account.AccessTokenEncrypted = protector.Protect(token);
        // A new token starts over: due now, no old error.
        (account.SyncEnabled, account.SyncState, account.LastError, account.LastErrorCode, account.NextSyncAt, account.UpdatedAt) =
            (true, AdSyncStates.Never, null, null, now, now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Ad account {AdAccountId} (act_{ExternalId}) connected for merchant {MerchantId}", account.Id, externalId, merchantId);
        return check;
    }

    /// <summary>Reads the account again with the saved token; a rejected token marks it "needs reconnect".</summary>
    public async Task<AdAccountCheck> TestAsync(AiSalesDbContext db, Guid merchantId, Guid accountId, CancellationToken ct)
    {
        var account = await db.AdAccounts.FirstOrDefaultAsync(a => a.Id == accountId && a.MerchantId == merchantId, ct);
        if (account?.AccessTokenEncrypted is null) return AdAccountCheck.Fail("crm.err.noToken");
        if (services.GetService<TokenProtector>() is not { } protector) return AdAccountCheck.Fail("crm.err.noKey");
        string token;
        try { token = protector.Unprotect(account.AccessTokenEncrypted); }
        catch (System.Security.Cryptography.CryptographicException) { return AdAccountCheck.Fail("crm.err.noToken"); }

        var check = await CheckAsync(account.ExternalId, token, ct);
        var now = time.GetUtcNow();
        if (check.Ok) Apply(account, check.Info!);
        else if (check.ErrorKey == "crm.err.rejected")
            (account.SyncState, account.LastError, account.LastSyncAt) = (AdSyncStates.NeedsReconnect, check.Detail, now);
        account.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return check;
    }

    /// <summary>IQD per unit of the account's currency; null goes back to the default. False for a bad value or another shop's account.</summary>
    public async Task<bool> SetRateAsync(AiSalesDbContext db, Guid merchantId, Guid accountId, decimal? rate, CancellationToken ct)
    {
        if (rate is { } r && (r <= 0 || r > 1_000_000)) return false;
        var account = await db.AdAccounts.FirstOrDefaultAsync(a => a.Id == accountId && a.MerchantId == merchantId, ct);
        if (account is null) return false;
        (account.IqdPerUnit, account.UpdatedAt) = (rate is { } v ? Math.Round(v, 4) : null, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Makes the account due now; the Worker picks it up at its next poll. False when it cannot sync (no token, needs reconnect).</summary>
    public async Task<bool> SyncNowAsync(AiSalesDbContext db, Guid merchantId, Guid accountId, CancellationToken ct)
    {
        var account = await db.AdAccounts.FirstOrDefaultAsync(a => a.Id == accountId && a.MerchantId == merchantId, ct);
        if (account is null || account.AccessTokenEncrypted is null || !account.SyncEnabled || account.SyncState == AdSyncStates.NeedsReconnect) return false;
        (account.NextSyncAt, account.UpdatedAt) = (time.GetUtcNow(), time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<AdAccountCheck> CheckAsync(string externalId, string token, CancellationToken ct)
    {
        try
        {
            var info = await api.GetAccountAsync(externalId, token, ct);
            return new AdAccountCheck(true, null, null, info);
        }
        catch (MarketingApiException e)
        {
            logger.LogInformation("Ad account act_{ExternalId} check failed: {ErrorKind} (Meta code {MetaCode})", externalId, e.Kind, e.Code);
            return AdAccountCheck.Fail(e.Kind switch
            {
                MarketingErrorKind.Token => "crm.err.rejected",
                MarketingErrorKind.Throttled => "crm.err.throttled",
                MarketingErrorKind.Transient => "crm.err.unreachable",
                _ => "crm.err.meta",
            }, e.Message);
        }
    }

    private static void Apply(AdAccount account, AdAccountInfo info)
    {
        account.Name = info.Name ?? account.Name;
        account.Currency = info.Currency?.ToUpperInvariant() ?? account.Currency;
        account.AccountStatus = info.AccountStatus ?? account.AccountStatus;
    }

    [GeneratedRegex("^[0-9]{1,30}$")]
    private static partial Regex Digits();
}
