namespace AiSales.Core.Sending.RateLimiting;

/// <summary>Which limit refused a send.</summary>
public enum RateLimitScope
{
    None,
    Account,
    RecipientPair,
}

/// <summary>Allowed, or refused with the time after which a retry can succeed ("queued: rate limit").</summary>
public sealed record RateDecision(bool Allowed, TimeSpan RetryAfter, RateLimitScope LimitedBy)
{
    public static readonly RateDecision Allow = new(true, TimeSpan.Zero, RateLimitScope.None);
}
