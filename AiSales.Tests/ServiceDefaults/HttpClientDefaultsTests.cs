using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Polly.CircuitBreaker;

namespace AiSales.Tests.ServiceDefaults;

/// <summary>What every HttpClient of a service gets from AddServiceDefaults, on the real packages.</summary>
public class HttpClientDefaultsTests
{
    private static async Task<IHost> StartAsync(Dictionary<string, string?> settings, Action<HttpStandardResilienceOptions> resilience)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        // Under the defaults' options name: a per-client name would be ignored (see DefaultResilienceOptionsName).
        builder.Services.Configure(Extensions.DefaultResilienceOptionsName, resilience);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static HttpClient Client(IHost host) => host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

    [Fact]
    public async Task Discovery_resolves_http_webhooks_from_services_webhooks_http_0_and_a_503_is_retried()
    {
        var calls = 0;
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/health", (HttpRequest r) =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(503) : Results.Text("healthy")));
        // The key Aspire's services__webhooks__http__0 environment variable sets.
        using var host = await StartAsync(new() { ["services:webhooks:http:0"] = server.BaseAddress.ToString() },
            o => o.Retry.Delay = TimeSpan.FromMilliseconds(10));

        var body = await Client(host).GetStringAsync("http://webhooks/health");

        Assert.Equal("healthy", body);
        Assert.Equal(2, calls);
        await host.StopAsync();
    }

    [Fact]
    public async Task Each_destination_has_its_own_circuit_breaker()
    {
        await using var failing = await LocalFakeServer.StartAsync(app => app.MapGet("/", () => Results.StatusCode(500)));
        await using var healthy = await LocalFakeServer.StartAsync(app => app.MapGet("/", () => Results.Text("fine")));
        using var host = await StartAsync([], o =>
        {
            o.Retry.MaxRetryAttempts = 1;
            o.Retry.Delay = TimeSpan.FromMilliseconds(1);
            o.CircuitBreaker.MinimumThroughput = 2;
            o.CircuitBreaker.FailureRatio = 0.5;
        });
        var client = Client(host);

        var opened = false;
        for (var i = 0; i < 10 && !opened; i++)
        {
            try { await client.GetAsync(failing.BaseAddress); }
            catch (BrokenCircuitException) { opened = true; }
        }

        Assert.True(opened, "the failing host's breaker opened");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(healthy.BaseAddress)).StatusCode);
        await host.StopAsync();
    }
}
