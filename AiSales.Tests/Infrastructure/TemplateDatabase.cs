using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Migrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AiSales.Tests.Infrastructure;

/// <summary>
/// A database migrated once per test process (the app's own <see cref="SchemaMigrator"/>, then Wolverine's tables as a
/// service creates them at its start), which every test class clones with CREATE DATABASE ... TEMPLATE: a file copy
/// instead of ~20 migrations and Wolverine's table setup per class. The hosts still migrate on start, and find
/// nothing to do. Postgres refuses to copy a database anyone is connected to, so the template is built over
/// unpooled connections (none is left open afterwards) and then closed to connections altogether.
/// </summary>
internal static class TemplateDatabase
{
    public static async Task<string> BuildAsync(string server, bool sharedServer)
    {
        // Unique per process: with AISALES_TEST_POSTGRES several test runs may share one server.
        var name = $"tpl_{Guid.NewGuid():N}";
        await ExecAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;

        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await CreateWolverineTablesAsync(connectionString);
        // The sender's start registered a node and the like: a cloned database starts as empty as a fresh one would.
        await ExecAsync(connectionString, """
            DO $$ DECLARE t text; BEGIN
                FOR t IN SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = 'wolverine' LOOP
                    EXECUTE 'TRUNCATE ' || t || ' CASCADE';
                END LOOP;
            END $$
            """);

        await ExecAsync(server, $"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        // A private server goes away with the process; on a shared one the template is dropped like the test databases.
        if (sharedServer)
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAsync(server, name).Wait(TimeSpan.FromSeconds(10));
        return name;
    }

    /// <summary>A sender's Wolverine (the services' own AddMessaging) started and stopped: its setup creates the store and queue tables.</summary>
    private static async Task CreateWolverineTablesAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:aisales"] = connectionString;
        builder.AddMessaging(consume: false, opts => opts.ApplicationAssembly = typeof(MessageQueues).Assembly);
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }

    private static async Task DropAsync(string server, string name)
    {
        try
        {
            await ExecAsync(server, $"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE false");
            await ExecAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        catch (NpgsqlException) { /* best effort: a leftover template is harmless */ }
    }

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 120 };
        await cmd.ExecuteNonQueryAsync();
    }
}
