using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Campaigns;

/// <summary>Campaign results: the Marketing API sync and the IQD conversion (section "Campaigns"; docs/campaigns.md).</summary>
public sealed class CampaignOptions
{
    public const string Section = "Campaigns";

    /// <summary>Off: the Worker fetches nothing (the page still shows what was stored).</summary>
    public bool SyncEnabled { get; set; } = true;

    /// <summary>How often each connected ad account is fetched.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often the Worker looks for due accounts (and for "sync now" presses).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Days fetched on every sync, today included. Meta keeps revising a day for up to 28 days.</summary>
    [Range(1, 90)]
    public int LookbackDays { get; set; } = 28;

    /// <summary>Per HTTP call to the Marketing API.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of one call after a throttle error, a timeout or a server error (reads only, so safe to repeat).</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first wait before a retry; doubled each time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>When a usage header (X-Business-Use-Case-Usage, X-App-Usage, X-Ad-Account-Usage) reaches this percent, the sync stops and waits.</summary>
    [Range(1, 100)]
    public int UsageLimitPercent { get; set; } = 75;

    /// <summary>The wait after throttling when Meta does not say how long (estimated_time_to_regain_access).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ThrottleBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The wait after any other failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A Worker's claim on an account while it syncs; a crashed Worker's claim runs out after this.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "02:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>IQD for one unit of the ad account's currency when the merchant has not set a rate (1 USD = 1310 IQD).</summary>
    [Range(typeof(decimal), "0.0001", "1000000")]
    public decimal DefaultIqdPerUnit { get; set; } = 1310m;

    /// <summary>Marketing API host; empty: Meta:GraphApiBaseUrl (tests point both at a fake).</summary>
    public string? GraphApiBaseUrl { get; set; }

    public string GraphApiVersion { get; set; } = "v24.0";
}
