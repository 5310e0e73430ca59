using AiSales.Dashboard.Inbox;
using AiSales.Tests.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiSales.Tests.Operations;

/// <summary>
/// One Dashboard (own database), the ops API's host, shared by the ops tests that do not depend on queue nodes. It has
/// the Meta settings too, so the config check has something to report on.
/// </summary>
public sealed class OpsApiFixture : IAsyncLifetime
{
    public const string AppSecret = "test-app-secret-0123456789";
    public const string SecondSecret = "instagram-app-secret-abcdef";
    public const string VerifyToken = "verify-me-please";

    public DashboardAppFactory Db { get; private set; } = null!;
    public WebApplicationFactory<InboxQueries> App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await DashboardAppFactory.StartAsync("ops");
        App = Db.WithWebHostBuilder(WithMeta);
    }

    public static void WithMeta(IWebHostBuilder b) => b
        .UseSetting("Meta:AppSecrets:0", AppSecret)
        .UseSetting("Meta:AppSecrets:1", SecondSecret)
        .UseSetting("Meta:VerifyToken", VerifyToken);

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }

    public HttpClient Client() => DashboardAppFactory.OpsClient(App);

    public Task<long> ScalarAsync(string sql) => Db.ScalarAsync<long>(sql);
}
