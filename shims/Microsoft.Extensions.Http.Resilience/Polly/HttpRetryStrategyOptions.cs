using System.Net;
using Polly;
using Polly.Retry;

namespace Microsoft.Extensions.Http.Resilience;

/// <summary>
/// Retry for HTTP: 3 retries, 2 s exponential back-off with jitter, on transient failures, honouring
/// the server's Retry-After header (the same defaults as the real package).
/// </summary>
public class HttpRetryStrategyOptions : RetryStrategyOptions<HttpResponseMessage>
{
    public HttpRetryStrategyOptions()
    {
        ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome, args.Context.CancellationToken));
        BackoffType = DelayBackoffType.Exponential;
        UseJitter = true;
        MaxRetryAttempts = 3;
        Delay = TimeSpan.FromSeconds(2);
    }

    /// <summary>When true, a Retry-After header on the failed response decides the delay before the next attempt.</summary>
    public bool ShouldRetryAfterHeader { get; set; } = true;
}
