using AiSales.AppHost.Resources;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;

namespace AiSales.Tests.Infrastructure;

/// <summary>
/// The Postgres and Redis every integration test runs against, started once per test process.
/// With AISALES_TEST_POSTGRES / AISALES_TEST_REDIS set (Npgsql and host:port connection strings)
/// the tests reuse those servers; otherwise private instances are started on free ports as the AppHost starts
/// them (the local-binary resources, under an empty Aspire AppHost), and stopped when the process exits.
/// Each test class takes its own database from <see cref="CreateMigratedDatabaseAsync"/> (a copy of a template migrated
/// once per process) or, to test migrating itself, an empty one from <see cref="CreateDatabaseAsync"/>, so classes can
/// run in parallel without seeing each other's rows.
/// </summary>
public sealed class TestInfrastructure
{
    private static readonly Lazy<Task<TestInfrastructure>> Shared = new(StartAsync);

    private readonly Lazy<Task<string>> _template;

    private TestInfrastructure(string postgres, string redis, bool sharedServer)
    {
        PostgresConnectionString = postgres;
        RedisConnectionString = redis;
        _template = new(() => TemplateDatabase.BuildAsync(postgres, sharedServer));
    }

    /// <summary>Server-level connection string (database "postgres").</summary>
    public string PostgresConnectionString { get; }

    /// <summary>StackExchange.Redis-style "host:port[,password=...]".</summary>
    public string RedisConnectionString { get; }

    public static Task<TestInfrastructure> GetAsync() => Shared.Value;

    /// <summary>Creates a fresh, empty database (no schema at all) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = NewName(prefix);
        await ExecAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Creates a database with the current schema (every migration and Wolverine's tables, no rows) as a copy of the
    /// process's template database (<see cref="TemplateDatabase"/>), and returns its connection string.
    /// </summary>
    public async Task<string> CreateMigratedDatabaseAsync(string prefix = "t")
    {
        var template = await _template.Value;
        var name = NewName(prefix);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
                return ConnectionStringFor(name);
            }
            // 55006: "source database is being accessed by other users". Nothing of ours connects to the template (it
            // allows no connections); this covers a server-side process (autovacuum) holding it for a moment.
            catch (PostgresException e) when (e.SqlState == "55006" && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>Drops a test database (closing this process's idle pooled connections to it first); best effort.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearAllPools();
        try { await ExecAsync($"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)"); }
        catch (NpgsqlException) { /* a leftover test database is harmless */ }
    }

    private static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = database }.ConnectionString;

    private async Task ExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(PostgresConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<TestInfrastructure> StartAsync()
    {
        var pg = Environment.GetEnvironmentVariable("AISALES_TEST_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("AISALES_TEST_REDIS");
        if (!string.IsNullOrEmpty(pg) && !string.IsNullOrEmpty(redis))
            return new TestInfrastructure(pg, redis, sharedServer: true);

        var host = TestAppHost.CreateEmpty();
        var builder = host.Builder;
        builder.AddLocalPostgres("postgres", builder.AddParameter("postgres-password", Secret(), secret: true), host.StateDirectory);
        builder.AddLocalRedis("redis", builder.AddParameter("redis-password", Secret(), secret: true), host.StateDirectory);
        // Stopped when the test process ends; DCP also watches this process and stops its servers if it dies.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => host.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var app = await host.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", timeout.Token);
        // One server for every test class at once, on a 2-core CI machine: opening a session can take longer than Npgsql's
        // default 15 s at the busiest moments of the suite (each Worker host keeps Wolverine's listeners and agents busy).
        var server = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("postgres", timeout.Token)) { Database = "postgres", Timeout = 60 };
        return new TestInfrastructure(server.ConnectionString, (await app.GetConnectionStringAsync("redis", timeout.Token))!, sharedServer: false);
    }

    private static string Secret() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
