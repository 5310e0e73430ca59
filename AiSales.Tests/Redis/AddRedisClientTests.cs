using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AiSales.Tests.Redis;

public class AddRedisClientTests
{
    [Fact]
    public async Task Registers_a_shared_multiplexer_and_a_healthy_redis_check()
    {
        var infra = await TestInfrastructure.GetAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:redis"] = infra.RedisConnectionString;
        builder.AddRedisClient("redis");
        using var host = builder.Build();

        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        Assert.Same(redis, host.Services.GetRequiredService<IConnectionMultiplexer>());
        var key = $"test:aspire:{Guid.NewGuid():N}";
        Assert.True(await redis.GetDatabase().StringSetAsync(key, "v", TimeSpan.FromMinutes(1)));

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries["redis"].Status);
        await redis.GetDatabase().KeyDeleteAsync(key);
    }

    [Fact]
    public async Task Unreachable_server_starts_anyway_and_reports_unhealthy_within_the_timeout()
    {
        await using var server = await PrivateRedisServer.StartAsync();
        await server.StopAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:redis"] = server.ConnectionString(",connectTimeout=300");
        builder.AddRedisClient("redis", s => s.HealthCheckTimeout = TimeSpan.FromMilliseconds(500));
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["redis"].Status);

        await server.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var status = HealthStatus.Unhealthy;
        while (status != HealthStatus.Healthy && DateTime.UtcNow < deadline)
        {
            status = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["redis"].Status;
            if (status != HealthStatus.Healthy) await Task.Delay(100);
        }
        Assert.Equal(HealthStatus.Healthy, status);
    }

    [Fact]
    public void Missing_connection_string_fails_at_start_up_naming_the_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Configuration = new ConfigurationManager() });
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRedisClient("redis"));
        Assert.Contains("ConnectionStrings:redis", error.Message);
    }

    [Fact]
    public void Configuration_string_parses_like_the_real_client()
    {
        var options = ConfigurationOptions.Parse("cache.local:6380,password=p@ss=word,abortConnect=false,connectTimeout=1500,syncTimeout=2000,defaultDatabase=2,name=worker");
        var endPoint = Assert.IsType<System.Net.DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(("cache.local", 6380), (endPoint.Host, endPoint.Port));
        Assert.Equal("p@ss=word", options.Password);
        Assert.False(options.AbortOnConnectFail);
        Assert.Equal(1500, options.ConnectTimeout);
        Assert.Equal(2000, options.AsyncTimeout); // follows syncTimeout unless set
        Assert.Equal(2, options.DefaultDatabase);
        Assert.Equal("worker", options.ClientName);
        Assert.DoesNotContain("p@ss", options.ToString(includePassword: false));
        Assert.Throws<ArgumentException>(() => ConfigurationOptions.Parse("h:1,connectTimeout=soon"));
        Assert.Equal(5000, ConfigurationOptions.Parse("localhost").AsyncTimeout);
    }
}
