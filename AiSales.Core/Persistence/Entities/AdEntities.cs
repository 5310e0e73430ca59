namespace AiSales.Core.Persistence.Entities;

/// <summary>A connected Meta ad account (ad_accounts, migration 0014). Written by the CRM page and the campaign sync.</summary>
public class AdAccount
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    /// <summary>Digits only, without "act_".</summary>
    public string ExternalId { get; set; } = "";
    public string? Name { get; set; }
    public string? Currency { get; set; }
    public int? AccountStatus { get; set; }
    /// <summary>TokenProtector output; never shown, never logged.</summary>
    public byte[]? AccessTokenEncrypted { get; set; }
    /// <summary>IQD for one unit of <see cref="Currency"/>; null = the configured default.</summary>
    public decimal? IqdPerUnit { get; set; }
    public bool SyncEnabled { get; set; } = true;
    /// <summary><see cref="AdSyncStates"/>.</summary>
    public string SyncState { get; set; } = AdSyncStates.Never;
    public DateTimeOffset? LastSyncAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public int? LastErrorCode { get; set; }
    public DateTimeOffset? NextSyncAt { get; set; }
    public DateTimeOffset? SyncClaimedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A campaign as the ad account lists it (ad_campaigns).</summary>
public class AdCampaign
{
    public Guid AdAccountId { get; set; }
    public string CampaignId { get; set; } = "";
    public Guid MerchantId { get; set; }
    public string? Name { get; set; }
    public string? Status { get; set; }
    public string? Objective { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>One ad's numbers for one day (ad_insights_daily); spend in the account's currency.</summary>
public class AdInsightDay
{
    public Guid AdAccountId { get; set; }
    public string AdId { get; set; } = "";
    public DateOnly Day { get; set; }
    public Guid MerchantId { get; set; }
    public string CampaignId { get; set; } = "";
    public string? CampaignName { get; set; }
    public string? AdsetId { get; set; }
    public string? AdName { get; set; }
    public decimal Spend { get; set; }
    public long Impressions { get; set; }
    public long Clicks { get; set; }
    public int MetaLeads { get; set; }
    public DateTimeOffset SyncedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>The values of ad_accounts.sync_state (CHECK ck_ad_accounts_sync_state).</summary>
public static class AdSyncStates
{
    public const string Never = "never";
    public const string Ok = "ok";
    /// <summary>Meta said "too many calls" (or usage headers were near the limit): the next try waits.</summary>
    public const string Throttled = "throttled";
    /// <summary>Timeouts, server errors, unexpected answers: tried again at the next interval.</summary>
    public const string Failing = "failing";
    /// <summary>The token was rejected (expired, revoked, missing permission): nothing is fetched until a new one is saved.</summary>
    public const string NeedsReconnect = "needs_reconnect";
}
