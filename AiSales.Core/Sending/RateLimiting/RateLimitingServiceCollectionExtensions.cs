using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Sending.RateLimiting;

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IChannelRateLimiter"/> (needs an IConnectionMultiplexer, e.g. from AddRedisClient("redis")).</summary>
    public static IServiceCollection AddChannelRateLimiter(this IServiceCollection services)
    {
        services.AddValidatedOptions<ChannelRateLimitOptions>(ChannelRateLimitOptions.SectionName);
        services.TryAddSingleton<IChannelRateLimiter, RedisChannelRateLimiter>();
        return services;
    }
}
