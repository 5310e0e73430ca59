namespace AiSales.Core.Conversions;

/// <summary>The values of capi_events.state.</summary>
public static class CapiEventStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}

/// <summary>The values of capi_events.error_kind: what the page says in the merchant's words.</summary>
public static class CapiErrorKinds
{
    /// <summary>Meta refused the token (expired, revoked, no permission on the dataset): reconnect the ad account.</summary>
    public const string Token = "token";
    /// <summary>Meta said "too many calls": tried again later.</summary>
    public const string Throttled = "throttled";
    /// <summary>Meta could not be reached or failed itself (5xx, timeout): tried again later.</summary>
    public const string Transient = "transient";
    /// <summary>Meta refused the event itself (a wrong dataset id, a field it does not take): it will not change by retrying.</summary>
    public const string Rejected = "rejected";
    /// <summary>Something on our side is missing (no token, the WhatsApp number's business account id unknown).</summary>
    public const string Setup = "setup";
}

/// <summary>The values of ad_accounts.capi_state.</summary>
public static class CapiAccountStates
{
    public const string Idle = "idle";
    public const string Ok = "ok";
    public const string Failing = "failing";
    public const string NeedsReconnect = "needs_reconnect";
}
