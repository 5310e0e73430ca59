using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiSales.Tests.ServiceDefaults;

public class DefaultEndpointsTests
{
    private static async Task<WebApplication> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Health_and_alive_answer_200_with_each_check_listed()
    {
        await using var app = await StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var health = await client.GetAsync("/health");
        var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var self = Assert.Single(json.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal("self", self.GetProperty("name").GetString());
        Assert.Equal("Healthy", self.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_hanging_check_without_a_timeout_is_unhealthy_after_the_default_timeout()
    {
        // Registered the way the client integrations register theirs: no timeout of its own.
        await using var app = await StartAsync(b => b.Services.AddHealthChecks().Add(new HealthCheckRegistration("hangs",
            _ => new HangingCheck(), failureStatus: null, tags: null)));
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.InRange(System.Diagnostics.Stopwatch.GetElapsedTime(started), Extensions.HealthCheckTimeout - TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
    }

    private sealed class HangingCheck : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return HealthCheckResult.Healthy();
        }
    }

    [Fact]
    public async Task Failing_dependency_makes_health_503_while_alive_stays_200()
    {
        await using var app = await StartAsync(b => b.Services.AddHealthChecks()
            .AddCheck("postgres", () => HealthCheckResult.Unhealthy("down"), ["ready"]));
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var health = await client.GetAsync("/health");
        var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        var postgres = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "postgres");
        Assert.Equal("Unhealthy", postgres.GetProperty("status").GetString());
    }
}
