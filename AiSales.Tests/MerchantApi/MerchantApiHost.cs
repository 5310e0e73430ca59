using AiSales.Dashboard.ApiKeys;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Dashboard.Apis;
using AiSales.Tests.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiSales.Tests.MerchantApi;

/// <summary>
/// A minimal host with exactly what the Dashboard must register for the Merchant API (data source, DbContext,
/// AddMerchantApi/MapMerchantApi), on an in-memory server against a private migrated database.
/// </summary>
public sealed class MerchantApiHost : IAsyncLifetime
{
    public PersistenceDatabase Db { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await PersistenceDatabase.CreateAsync(migrate: true);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:aisales"] = Db.ConnectionString;
        builder.AddNpgsqlDataSource("aisales");
        builder.AddNpgsqlDbContextOnDataSource<AiSalesDbContext>();
        builder.AddMessaging(consume: false);
        builder.Services.AddMerchantApi();
        App = builder.Build();
        App.MapMerchantApi();
        await App.StartAsync();
    }

    public HttpClient Client(string? key = null)
    {
        var client = App.GetTestClient();
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    public ApiKeyService Keys => App.Services.GetRequiredService<ApiKeyService>();

    public AiSalesDbContext Context() => Db.CreateContext();

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }
}
