using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Migrations;
using AiSales.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AiSales.Tests.Persistence;

/// <summary>A private database for one test class, with the data source and DbContext the services would get from DI.</summary>
public sealed class PersistenceDatabase : IAsyncDisposable
{
    private PersistenceDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    public static async Task<PersistenceDatabase> CreateAsync(bool migrate)
    {
        var infra = await TestInfrastructure.GetAsync();
        // Migrated: a copy of the process's template database (migrated once, by the same migrator); empty: to test migrating.
        return new PersistenceDatabase(migrate ? await infra.CreateMigratedDatabaseAsync("persist") : await infra.CreateDatabaseAsync("persist"));
    }

    public SchemaMigrator Migrator() => new(DataSource, NullLogger<SchemaMigrator>.Instance);

    public AiSalesDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<AiSalesDbContext>().UseNpgsql(DataSource).Options);

    public Task<long> ScalarAsync(string sql) => TestSql.ScalarAsync<long>(ConnectionString, sql);

    /// <summary>Drops this class's database (only ours: the name came from TestInfrastructure).</summary>
    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).DropDatabaseAsync(ConnectionString);
    }
}
