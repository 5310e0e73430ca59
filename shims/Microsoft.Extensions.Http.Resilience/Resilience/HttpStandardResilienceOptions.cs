namespace Microsoft.Extensions.Http.Resilience;

/// <summary>
/// Options of the standard pipeline, outermost to innermost:
/// rate limiter → total request timeout → retry → circuit breaker → attempt timeout.
/// </summary>
public class HttpStandardResilienceOptions
{
    public HttpRateLimiterStrategyOptions RateLimiter { get; set; } = new();

    public HttpTimeoutStrategyOptions TotalRequestTimeout { get; set; } = new() { Name = "Standard-TotalRequestTimeout" };

    public HttpRetryStrategyOptions Retry { get; set; } = new() { Name = "Standard-Retry" };

    public HttpCircuitBreakerStrategyOptions CircuitBreaker { get; set; } = new() { Name = "Standard-CircuitBreaker" };

    public HttpTimeoutStrategyOptions AttemptTimeout { get; set; } = new()
    {
        Name = "Standard-AttemptTimeout",
        Timeout = TimeSpan.FromSeconds(10),
    };
}
