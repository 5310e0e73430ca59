using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AiSales.Core.Persistence;

/// <summary>
/// Connects to Redis while the service starts, before a handler or a request can ask for it. Aspire's Redis client
/// connects synchronously the first time the multiplexer is resolved, holding every other resolver on the singleton's
/// lock: a Worker restarted with a backlog resolved it from hundreds of handlers at once, every pool thread blocked, the
/// connection's own replies found no thread to run on, and the start hung for the whole connect timeout (16 s in the
/// fault campaign, docs/RELIABILITY.md). Resolved here, once, with nothing else running. Redis being down only costs
/// the connect timeout: the client is not set to abort, so it keeps reconnecting in the background and the callers
/// fall back as they always do.
/// </summary>
public sealed class RedisConnectionAtStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.Run(() => services.GetService<IConnectionMultiplexer>(), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class RedisConnectionAtStartExtensions
{
    /// <summary>Call right after AddRedisClient, before messaging: hosted services start in the order they are added.</summary>
    public static IServiceCollection AddRedisConnectionAtStart(this IServiceCollection services) =>
        services.AddHostedService<RedisConnectionAtStart>();
}
