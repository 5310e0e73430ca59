using System.Text.Json;
using AiSales.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Npgsql;

namespace AiSales.Tests.Browser;

/// <summary>
/// The whole app (private Postgres + Redis, Webhooks, Worker, Dashboard on free ports) through the AppHost testing builder,
/// and one headless Debian Chromium, shared by every browser test: starting them is the slow part.
/// </summary>
public sealed class BrowserAppFixture : IAsyncLifetime
{
    // Debian's browser, never a downloaded one: no `playwright install` anywhere.
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] Services = ["webhooks", "worker", "dashboard"];

    private TestAppHost? _host;
    private readonly ResourceLogTail _dashboardLog = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;
    public Uri DashboardUrl { get; private set; } = default!;
    public Uri WebhooksUrl { get; private set; } = default!;
    public string ConnectionString { get; private set; } = default!;
    public string DemoEmail { get; private set; } = default!;
    public string DemoPassword { get; private set; } = default!;
    public Guid DemoMerchantId { get; private set; }
    public string DemoChannelExternalId { get; private set; } = default!;
    public string MetaAppSecret { get; private set; } = default!;

    /// <summary>The last lines the dashboard process logged: put in a failure message, they say what the page cannot.</summary>
    public string DashboardLogTail(int lines = 40) => _dashboardLog.Tail(lines);

    /// <summary>
    /// Browser tests drive Debian's chromium, never a downloaded browser: installed when it is missing and we may (root
    /// with apt-get); otherwise the failure says exactly what to run.
    /// </summary>
    private static async Task EnsureChromiumAsync()
    {
        if (File.Exists(ChromiumPath)) return;
        if (Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"))
        {
            using var install = System.Diagnostics.Process.Start("/bin/sh",
                "-c \"apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium\"");
            await install.WaitForExitAsync();
        }
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Browser tests need Debian's chromium at {ChromiumPath}: run 'sudo apt-get install chromium' (no browser is ever downloaded).");
    }

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        // Start the browser driver while the app boots: both take seconds, and the machine has 2 cores.
        var browserTask = LaunchBrowserAsync();
        _host = await TestAppHost.CreateAsync(timeout.Token);
        // Every browser test signs in from 127.0.0.1; the per-address login limit is for guessers, and has its own tests.
        var dashboard = _host.Builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "dashboard");
        _host.Builder.CreateResourceBuilder(dashboard).WithEnvironment("Dashboard__Login__AttemptsPerAddress", "10000");
        var state = _host.StateDirectory;
        var app = await _host.StartAsync(timeout.Token);
        _dashboardLog.Follow(app, "dashboard");
        await _host.WaitForHealthyAsync(timeout.Token, Services);

        DashboardUrl = app.GetEndpoint("dashboard");
        WebhooksUrl = app.GetEndpoint("webhooks");
        ConnectionString = await app.GetConnectionStringAsync("aisales", timeout.Token)
            ?? throw new InvalidOperationException("no aisales connection string");
        using (var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "resources.json"), timeout.Token)))
        {
            var demo = doc.RootElement.GetProperty("demo");
            DemoEmail = demo.GetProperty("email").GetString()!;
            DemoPassword = demo.GetProperty("password").GetString()!;
            DemoMerchantId = demo.GetProperty("merchantId").GetGuid();
            DemoChannelExternalId = demo.GetProperty("channelExternalId").GetString()!;
            MetaAppSecret = doc.RootElement.GetProperty("secrets").GetProperty("metaAppSecret").GetString()!;
        }
        Browser = await browserTask;
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        await EnsureChromiumAsync();
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        _dashboardLog.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A new simulated customer id whose simulator name (<see cref="AiSales.Dashboard.Simulator.SimulatedCustomerNames"/>, a pool
    /// of 320) no contact of the demo merchant has yet: tests find the customer's inbox row by that name, and another
    /// test's customer with the same name would make it ambiguous.
    /// </summary>
    public async Task<string> NewSimulatedCustomerAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = "7" + string.Concat(Enumerable.Range(0, 15).Select(_ => (char)('0' + Random.Shared.Next(10))));
            var name = AiSales.Dashboard.Simulator.SimulatedCustomerNames.For(id);
            var taken = await ScalarAsync<long>("SELECT count(*) FROM contacts WHERE merchant_id = @m AND display_name = @n",
                ("m", DemoMerchantId), ("n", name));
            if (taken == 0) return id;
            if (attempt == 50) throw new InvalidOperationException("No unused simulated customer name left for the demo merchant.");
        }
    }

    /// <summary>
    /// One Instagram messaging event from <paramref name="customerId"/> to the demo account, signed and posted to the running
    /// Webhooks service as Meta sends it; <paramref name="eventJson"/> is what follows sender, recipient and timestamp
    /// (e.g. <c>"read":{"mid":"m1"}</c>). Goes through the real pipeline: Webhooks, queue, Worker.
    /// </summary>
    public async Task InstagramEventAsync(string customerId, string eventJson)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var account = System.Text.Json.JsonSerializer.Serialize(DemoChannelExternalId);
        var json = $$"""
            {"object":"instagram","entry":[{"id":{{account}},"time":{{now}},"messaging":[{"sender":{"id":{{System.Text.Json.JsonSerializer.Serialize(customerId)}}},
             "recipient":{"id":{{account}}},"timestamp":{{now}},{{eventJson}}}]}]}
            """;
        using var http = new HttpClient { BaseAddress = WebhooksUrl };
        using var response = await http.SendAsync(AiSales.Tests.Ingest.WebhooksAppFactory.SignedPost("instagram", json, MetaAppSecret));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A customer's text message (<see cref="InstagramEventAsync"/>).</summary>
    public Task InstagramTextAsync(string customerId, string text) =>
        InstagramEventAsync(customerId, $$"""
            "message":{"mid":"mid-in-{{Guid.NewGuid():N}}","text":{{System.Text.Json.JsonSerializer.Serialize(text)}}}
            """);

    /// <summary>Polls a condition until it holds (<see cref="Eventually"/>); fails after the timeout. For state the page cannot show by itself.</summary>
    public Task WaitForAsync(Func<Task<bool>> condition, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(condition, "a condition the page does not show", timeout);

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}

/// <summary>
/// The browser tests' shared AppHost, and every other test that starts the whole AppHost (AppHostTests, WorkerCrashTests,
/// WorkerReplicaTests): in one collection they never launch their services at the same moment, which keeps the 2-core
/// CI machine's load down. A service that does not become healthy fails TestAppHost.WaitForHealthyAsync with every
/// resource's state and the tail of each service's log; that is how the "failed to start" seen in CI was traced to two
/// services creating Wolverine's tables at once (now set up again on a collision: RetryingResourceSetup).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "Browser";
}
