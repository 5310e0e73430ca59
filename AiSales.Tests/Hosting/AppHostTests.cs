using System.Net;
using System.Text.Json;
using AiSales.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace AiSales.Tests.Hosting;

[Collection(AiSales.Tests.Browser.BrowserCollection.Name)] // whole-AppHost launches one at a time (BrowserCollection)
public class AppHostTests
{
    private static readonly string[] Services = ["webhooks", "worker", "dashboard"];

    [Fact]
    public async Task AppHost_starts_everything_healthy_writes_resources_json_and_stops_cleanly()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var host = await TestAppHost.CreateAsync(timeout.Token);
        var state = host.StateDirectory;
        List<int> pids;
        await using (host)
        {
            var app = await host.StartAsync(timeout.Token);
            await host.WaitForHealthyAsync(timeout.Token, ["postgres", "redis", .. Services]);

            foreach (var service in Services)
            {
                using var http = app.CreateHttpClient(service);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health", timeout.Token)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive", timeout.Token)).StatusCode);
            }

            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "resources.json"), timeout.Token));
            var root = doc.RootElement;
            var resources = root.GetProperty("resources").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
            Assert.Equal("Healthy", resources["aisales"].GetProperty("state").GetString());
            foreach (var name in (string[])["postgres", "redis", .. Services])
            {
                Assert.Equal("Healthy", resources[name].GetProperty("state").GetString());
                Assert.True(resources[name].GetProperty("pid").GetInt32() > 0);
                Assert.True(resources[name].GetProperty("restarts").GetInt32() == 0, $"{name} restarted: {root}");
            }
            Assert.StartsWith("http://localhost:", resources["webhooks"].GetProperty("endpoints")[0].GetString());
            // The pid is the service's own process, not the `dotnet run` that launched it.
            Assert.EndsWith("AiSales.Worker", File.ReadAllText($"/proc/{resources["worker"].GetProperty("pid").GetInt32()}/cmdline").Split('\0')[0]);
            Assert.Contains("Database=aisales", root.GetProperty("connectionStrings").GetProperty("aisales").GetString());
            Assert.Contains("password=", root.GetProperty("connectionStrings").GetProperty("redis").GetString());
            var secrets = root.GetProperty("secrets");
            foreach (var key in (string[])["metaAppSecret", "verifyToken", "operatorApiKey"])
                Assert.False(string.IsNullOrEmpty(secrets.GetProperty(key).GetString()));
            var demo = root.GetProperty("demo");
            Assert.Equal("demo@aisales.local", demo.GetProperty("email").GetString());
            Assert.True(demo.GetProperty("password").GetString()!.Length >= 12);
            Assert.NotEqual(Guid.Empty, demo.GetProperty("merchantId").GetGuid());
            Assert.Equal("instagram", demo.GetProperty("channelPlatform").GetString());
            Assert.Equal("17841400000000001", demo.GetProperty("channelExternalId").GetString());
            pids = [.. resources.Values.Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("pid").GetInt32())];
        }
        await ProcessAssert.AllGoneAsync(pids);
        Assert.False(Directory.Exists(state));
    }
}
