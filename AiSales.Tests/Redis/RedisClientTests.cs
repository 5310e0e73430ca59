using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AiSales.Tests.Redis;

/// <summary>
/// The services' Redis registration (AddServiceDefaults + AddRedisClient("redis") on the real Aspire integration) with
/// the connection string shape the AppHost gives ("host:port[,password=...]", no abortConnect). Redis is a shortcut for
/// us (dedupe filter, rate limiter, both fail open), so a service must start while it is down and use it once it is up.
/// </summary>
public class RedisClientTests
{
    /// <summary>The name Aspire.StackExchange.Redis gives its health check (shown on /health).</summary>
    private const string HealthCheckName = "StackExchange.Redis";

    [Fact]
    public async Task A_service_starts_while_Redis_is_down_and_uses_it_once_it_is_up()
    {
        await using var server = await PrivateRedisServer.StartAsync();
        await server.StopAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = server.ConnectionString() });
        builder.AddServiceDefaults();
        builder.AddRedisClient("redis");
        using var host = builder.Build();

        // The integration connects at start (auto-activation); Aspire's abortConnect=false keeps a refused connect from failing it.
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var down = await health.CheckHealthAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HealthStatus.Unhealthy, down.Entries[HealthCheckName].Status);

        await server.StartAsync();
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        await Eventually.UntilAsync(() => redis.IsConnected, "the multiplexer reconnecting by itself", TimeSpan.FromSeconds(30));
        Assert.True(await redis.GetDatabase().StringSetAsync("late", "ok"));
        var up = await health.CheckHealthAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HealthStatus.Healthy, up.Entries[HealthCheckName].Status);
        await host.StopAsync();
    }
}
