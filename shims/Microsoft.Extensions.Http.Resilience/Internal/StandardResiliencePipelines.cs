using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Microsoft.Extensions.Http.Resilience.Internal;

/// <summary>
/// Builds each client's pipeline once. IHttpClientFactory recycles handlers every couple of minutes;
/// the circuit breaker's state and the concurrency limit must survive that, so they live here.
/// </summary>
internal sealed class StandardResiliencePipelines(IOptionsMonitor<HttpStandardResilienceOptions> options, TimeProvider? timeProvider = null)
{
    private readonly ConcurrentDictionary<string, Lazy<StandardResiliencePipeline>> _pipelines = new();

    public StandardResiliencePipeline Get(string name) =>
        _pipelines.GetOrAdd(name, n => new Lazy<StandardResiliencePipeline>(() => Build(options.Get(n)))).Value;

    private StandardResiliencePipeline Build(HttpStandardResilienceOptions o)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (timeProvider is not null) builder.TimeProvider = timeProvider;

        var pipeline = builder
            .AddTimeout(o.TotalRequestTimeout)
            .AddRetry(WithRetryAfterAndDisposal(o.Retry))
            .AddCircuitBreaker(o.CircuitBreaker)
            .AddTimeout(o.AttemptTimeout)
            .Build();

        return new StandardResiliencePipeline(pipeline, new ConcurrencyLimiter(o.RateLimiter.DefaultRateLimiterOptions));
    }

    /// <summary>
    /// A copy of the configured retry options (never mutate the shared options object) that
    /// honours Retry-After and disposes the discarded response so its connection returns to the pool.
    /// </summary>
    private static RetryStrategyOptions<HttpResponseMessage> WithRetryAfterAndDisposal(HttpRetryStrategyOptions source)
    {
        var configuredDelay = source.DelayGenerator;
        var configuredOnRetry = source.OnRetry;
        var honourRetryAfter = source.ShouldRetryAfterHeader;

        return new RetryStrategyOptions<HttpResponseMessage>
        {
            Name = source.Name,
            ShouldHandle = source.ShouldHandle,
            MaxRetryAttempts = source.MaxRetryAttempts,
            Delay = source.Delay,
            MaxDelay = source.MaxDelay,
            BackoffType = source.BackoffType,
            UseJitter = source.UseJitter,
            Randomizer = source.Randomizer,
            DelayGenerator = args =>
            {
                if (honourRetryAfter && args.Outcome.Result is { } response && RetryAfter(response) is { } wait)
                    return ValueTask.FromResult<TimeSpan?>(wait);
                return configuredDelay?.Invoke(args) ?? ValueTask.FromResult<TimeSpan?>(null);
            },
            OnRetry = async args =>
            {
                if (configuredOnRetry is not null) await configuredOnRetry(args);
                args.Outcome.Result?.Dispose();
            },
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
