using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.ServiceDefaults;

public class ServiceDiscoveryTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddServiceDiscovery();
        services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Resolves_a_service_name_from_services_configuration()
    {
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/ops/ping", (HttpRequest r) => $"pong {r.Path}"));
        await using var provider = Services(new() { ["services:webhooks:http:0"] = server.BaseAddress.ToString() });
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();

        var body = await client.GetStringAsync("http://webhooks/ops/ping");

        Assert.Equal("pong /ops/ping", body);
    }

    [Fact]
    public async Task Https_plus_http_falls_back_to_the_http_endpoint()
    {
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/", () => "fallback"));
        await using var provider = Services(new() { ["services:webhooks:http:0"] = server.BaseAddress.ToString() });
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();

        Assert.Equal("fallback", await client.GetStringAsync("https+http://webhooks/"));
    }

    [Fact]
    public async Task Spreads_requests_round_robin_across_configured_endpoints()
    {
        await using var a = await LocalFakeServer.StartAsync(app => app.MapGet("/", () => "a"));
        await using var b = await LocalFakeServer.StartAsync(app => app.MapGet("/", () => "b"));
        await using var provider = Services(new()
        {
            ["services:worker:http:0"] = a.BaseAddress.ToString(),
            ["services:worker:http:1"] = b.BaseAddress.ToString(),
        });
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();

        var answers = new List<string>();
        for (var i = 0; i < 4; i++) answers.Add(await client.GetStringAsync("http://worker/"));

        Assert.Equal(2, answers.Count(x => x == "a"));
        Assert.Equal(2, answers.Count(x => x == "b"));
    }

    [Fact]
    public async Task Real_host_names_pass_through_unchanged()
    {
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/", () => "direct"));
        await using var provider = Services(new());
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();

        Assert.Equal("direct", await client.GetStringAsync(server.BaseAddress));
    }

    [Fact]
    public async Task Unconfigured_service_name_fails_naming_the_missing_key()
    {
        await using var provider = Services(new());
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetStringAsync("http://webhooks/ops/ping"));

        Assert.Contains("services:webhooks:http:0", error.Message);
        Assert.Contains("services__webhooks__http__0", error.Message);
    }
}
