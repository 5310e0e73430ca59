using AiSales.Dashboard.Simulator;
using AiSales.Dashboard.Inbox;
using AiSales.Tests.Ingest;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// The Dashboard with the settings the new pages need (encryption key, Meta app), wired to the real Webhooks service
/// in-process (simulator posts go to its TestServer) and to a local Graph fake for OAuth; plus a second Dashboard whose
/// Webhooks address points at a closed port. The Operations page needs no Webhooks: it reads the Dashboard's database.
/// </summary>
public sealed class DashboardPagesFixture : IAsyncLifetime
{
    public static readonly string EncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());
    public const string AdminEmail = "ops-admin@demo.test";
    public const string AdminPassword = "ops-admin-password-2026";

    public DashboardAppFactory Base { get; private set; } = default!;
    public WebhooksAppFactory Webhooks { get; private set; } = default!;
    public GraphFake Graph { get; private set; } = default!;
    public WebApplicationFactory<InboxQueries> App { get; private set; } = default!;
    public WebApplicationFactory<InboxQueries> WebhooksDown { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Base = await DashboardAppFactory.StartAsync();
        Webhooks = await WebhooksAppFactory.StartAsync("dashpages");
        Graph = await GraphFake.StartAsync();
        App = Base.WithWebHostBuilder(b =>
        {
            Common(b);
            b.UseSetting("services:webhooks:http:0", "http://localhost");
            b.ConfigureTestServices(s =>
            {
                s.AddHttpClient<SimulatorClient>().ConfigurePrimaryHttpMessageHandler(() => Webhooks.Server.CreateHandler());
            });
        });
        WebhooksDown = Base.WithWebHostBuilder(b =>
        {
            Common(b);
            b.UseSetting("services:webhooks:http:0", "http://127.0.0.1:9");
            b.UseSetting("Simulator:Timeout", "00:00:03");
        });
        App.CreateClient().Dispose();
        WebhooksDown.CreateClient().Dispose();
        await CreateAdminAsync();
    }

    private void Common(Microsoft.AspNetCore.Hosting.IWebHostBuilder b) => ConfigurePages(b, Graph.BaseUrl);

    /// <summary>The settings the pages need: encryption key, Meta app (Graph and OAuth dialog at <paramref name="graphBaseUrl"/>).</summary>
    public static void ConfigurePages(Microsoft.AspNetCore.Hosting.IWebHostBuilder b, string graphBaseUrl)
    {
        b.UseSetting("Security:EncryptionKey", EncryptionKey);
        b.UseSetting("Meta:AppId", "1234567890");
        b.UseSetting("Meta:AppSecrets:0", WebhooksAppFactory.AppSecret);
        b.UseSetting("Meta:GraphApiBaseUrl", graphBaseUrl);
        b.UseSetting("Meta:OAuthDialogBaseUrl", graphBaseUrl);
    }

    private Task CreateAdminAsync() =>
        DashboardAppFactory.CreateUserAsync(App.Services, AdminEmail, AdminPassword, DashboardAppFactory.DemoMerchantId, platformAdmin: true);

    public async Task DisposeAsync()
    {
        await WebhooksDown.DisposeAsync();
        await App.DisposeAsync();
        await Graph.DisposeAsync();
        await Webhooks.DisposeAsync();
        await Base.DisposeAsync();
    }
}
