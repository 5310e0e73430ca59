using System.Threading.RateLimiting;

namespace Microsoft.Extensions.Http.Resilience;

/// <summary>
/// Concurrency limit for one HTTP client: 1000 requests in flight, no queue (the real package's default).
/// The real type derives from Polly.RateLimiting's options; that package is not on our feed, so this
/// shim keeps only the default limiter's options.
/// </summary>
public class HttpRateLimiterStrategyOptions
{
    public ConcurrencyLimiterOptions DefaultRateLimiterOptions { get; set; } = new()
    {
        PermitLimit = 1000,
        QueueLimit = 0,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };
}
