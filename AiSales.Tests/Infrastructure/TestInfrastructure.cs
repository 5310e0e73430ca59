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
/// Each test class takes its own database from <see cref="CreateDatabaseAsync"/> so classes can
/// run in parallel without seeing each other's rows.
/// </summary>
public sealed class TestInfrastructure
{
    private static readonly Lazy<Task<TestInfrastructure>> Shared = new(StartAsync);

    private TestInfrastructure(string postgres, string redis)
    {
        PostgresConnectionString = postgres;
        RedisConnectionString = redis;
    }

    /// <summary>Server-level connection string (database "postgres").</summary>
    public string PostgresConnectionString { get; }

    /// <summary>StackExchange.Redis-style "host:port[,password=...]".</summary>
    public string RedisConnectionString { get; }

    public static Task<TestInfrastructure> GetAsync() => Shared.Value;

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(PostgresConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task<TestInfrastructure> StartAsync()
    {
        var pg = Environment.GetEnvironmentVariable("AISALES_TEST_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("AISALES_TEST_REDIS");
        if (!string.IsNullOrEmpty(pg) && !string.IsNullOrEmpty(redis))
            return new TestInfrastructure(pg, redis);

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
        return new TestInfrastructure(server.ConnectionString, (await app.GetConnectionStringAsync("redis", timeout.Token))!);
    }

    private static string Secret() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
