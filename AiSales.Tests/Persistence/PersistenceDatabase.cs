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
        var db = new PersistenceDatabase(await infra.CreateDatabaseAsync("persist"));
        if (migrate)
            await db.Migrator().MigrateAsync();
        return db;
    }

    public SchemaMigrator Migrator() => new(DataSource, NullLogger<SchemaMigrator>.Instance);

    public AiSalesDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<AiSalesDbContext>().UseNpgsql(DataSource).Options);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    /// <summary>Drops this class's database (only ours: the name came from CreateDatabaseAsync).</summary>
    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        var infra = await TestInfrastructure.GetAsync();
        await using var conn = new NpgsqlConnection(infra.PostgresConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
