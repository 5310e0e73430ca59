namespace AiSales.Core.Sending.RateLimiting;

/// <summary>
/// Asks whether one send may go out now. When refused, the send pipeline shows "queued: rate limit"
/// and reschedules the send after <see cref="RateDecision.RetryAfter"/>.
/// </summary>
public interface IChannelRateLimiter
{
    Task<RateDecision> TryAcquireAsync(RateLimitKey key, CancellationToken ct);
}
