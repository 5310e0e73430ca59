using AiSales.Core.Persistence;
using AiSales.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AiSales.Tests.ServiceDefaults;

/// <summary>
/// The Worker's Postgres registration on the real Aspire integrations: AddNpgsqlDataSource with our session tuning, and
/// AiSalesDbContext on that same data source (AddNpgsqlDbContextOnDataSource), without EF's retrying strategy and with
/// one health check for both.
/// </summary>
public class NpgsqlClientTests
{
    [Fact]
    public async Task The_DbContext_uses_the_tuned_data_source_allows_user_transactions_and_one_check_covers_both()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:aisales"] = infrastructure.PostgresConnectionString });
        builder.AddNpgsqlDataSource("aisales", configureDataSourceBuilder: b => StatelessSessionTuning.Apply(b, maxPoolSize: 3));
        builder.AddNpgsqlDbContextOnDataSource<AiSalesDbContext>();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AiSalesDbContext>();

        // Only the data source carries these: EF did not build a pool of its own from the connection string.
        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(3, settings.MaxPoolSize);

        // EF's retrying strategy refuses user-initiated transactions; ours must run.
        Assert.False(db.Database.CreateExecutionStrategy().RetriesOnFailure);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(1, await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\"").SingleAsync());
            await tx.RollbackAsync();
        }

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries["PostgreSql"].Status);
        Assert.False(report.Entries.ContainsKey(nameof(AiSalesDbContext))); // one probe session, not two
    }
}
