using AiSales.Core.Demo;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiSales.Tests.Persistence;

/// <summary>The registrations the services use: migrations first, then the demo seed, in one host start.</summary>
public sealed class HostStartupTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Host_start_migrates_then_seeds_only_when_enabled(bool demoEnabled)
    {
        await using var db = await PersistenceDatabase.CreateAsync(migrate: false);
        var merchantId = Guid.NewGuid();

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = demoEnabled.ToString(),
            ["Demo:MerchantId"] = merchantId.ToString(),
            ["Demo:Email"] = "owner@demo.local",
            ["Demo:Password"] = "Passw0rd!x",
            ["Demo:ChannelExternalId"] = "17841499999999999",
        });
        builder.Services.AddSingleton(db.DataSource);
        builder.Services.AddDbContext<AiSalesDbContext>(o => o.UseNpgsql(db.DataSource));
        // Seed registered before migrations on purpose: ordering must come from the lifecycle, not luck.
        builder.Services.AddDemoSeed();
        builder.Services.AddSchemaMigrations();

        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(MigrationScript.LoadEmbedded().Count, await db.ScalarAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(demoEnabled ? 1 : 0, await db.ScalarAsync($"SELECT count(*) FROM merchants WHERE id = '{merchantId}'"));
        Assert.Equal(demoEnabled ? 20 : 0, await db.ScalarAsync("SELECT count(*) FROM products"));
    }
}
