using AiSales.Core.Operations;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Simulator;
using AiSales.Dashboard.Inbox;
using AiSales.Dashboard.Operations;
using AiSales.Tests.Ingest;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// The Dashboard with the settings the new pages need (encryption key, Meta app, ops key), wired to the real Webhooks
/// service in-process (ops API and simulator posts go to its TestServer) and to a local Graph fake for OAuth; plus a
/// second Dashboard whose Webhooks address points at a closed port.
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
                s.AddHttpClient<OpsApiClient>().ConfigurePrimaryHttpMessageHandler(() => Webhooks.Server.CreateHandler());
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

    private void Common(Microsoft.AspNetCore.Hosting.IWebHostBuilder b)
    {
        b.UseSetting("Security:EncryptionKey", EncryptionKey);
        b.UseSetting("Meta:AppId", "1234567890");
        b.UseSetting("Meta:AppSecrets:0", WebhooksAppFactory.AppSecret);
        b.UseSetting("Meta:GraphApiBaseUrl", Graph.BaseUrl);
        b.UseSetting("Meta:OAuthDialogBaseUrl", Graph.BaseUrl);
        b.UseSetting($"{OpsOptions.Section}:ApiKey", WebhooksAppFactory.OpsKey);
    }

    private async Task CreateAdminAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = AdminEmail, Email = AdminEmail, EmailConfirmed = true, IsPlatformAdmin = true };
        var created = await users.CreateAsync(user, AdminPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<AiSalesDbContext>();
        db.MerchantMembers.Add(new MerchantMember { MerchantId = DashboardAppFactory.DemoMerchantId, UserId = user.Id, Role = MemberRole.Owner });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await WebhooksDown.DisposeAsync();
        await App.DisposeAsync();
        await Graph.DisposeAsync();
        await Webhooks.DisposeAsync();
        await Base.DisposeAsync();
    }
}
