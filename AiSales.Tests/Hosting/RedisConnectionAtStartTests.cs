using AiSales.Core.Persistence;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AiSales.Tests.Hosting;

/// <summary>
/// The Redis multiplexer is connected before the hosted services added after it start (Wolverine's listeners), so no
/// handler is the first to resolve it: Aspire's client connects synchronously on first resolution.
/// </summary>
public class RedisConnectionAtStartTests
{
    [Fact]
    public async Task The_multiplexer_is_connected_before_the_services_added_after_it_start()
    {
        var redis = (await TestInfrastructure.GetAsync()).RedisConnectionString;
        var builder = Host.CreateApplicationBuilder();
        var connects = 0;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            Interlocked.Increment(ref connects);
            return ConnectionMultiplexer.Connect(redis);
        });
        builder.Services.AddRedisConnectionAtStart();
        var later = new SeesConnects(() => connects);
        builder.Services.AddHostedService(_ => later);

        using var host = builder.Build();
        Assert.Equal(0, connects);
        await host.StartAsync();
        try
        {
            Assert.Equal(1, later.ConnectsWhenStarted);
            Assert.True(host.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected);
        }
        finally
        {
            await host.StopAsync();
            await host.Services.GetRequiredService<IConnectionMultiplexer>().DisposeAsync();
        }
    }

    private sealed class SeesConnects(Func<int> connects) : IHostedService
    {
        public int ConnectsWhenStarted { get; private set; } = -1;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            ConnectsWhenStarted = connects();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
