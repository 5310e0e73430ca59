using AiSales.Core.Persistence.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSales.Tests.Persistence;

public sealed class SchemaMigratorTests
{
    [Fact]
    public void Embedded_migrations_are_found_in_order()
    {
        var scripts = MigrationScript.LoadEmbedded();
        Assert.NotEmpty(scripts);
        Assert.Equal(1, scripts[0].Version);
        Assert.Equal("schema_v1", scripts[0].Name);
        Assert.Equal(scripts.Select(s => s.Version).Order(), scripts.Select(s => s.Version));
    }

    [Fact]
    public async Task Migrating_twice_applies_once_and_second_run_is_a_no_op()
    {
        await using var db = await PersistenceDatabase.CreateAsync(migrate: false);
        var expected = MigrationScript.LoadEmbedded().Count;

        var first = await db.Migrator().MigrateAsync();
        Assert.Equal(expected, first.Count);
        Assert.Equal(expected, await db.ScalarAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_name = 'messages'"));

        var second = await db.Migrator().MigrateAsync();
        Assert.Empty(second);
        Assert.Equal(expected, await db.ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Concurrent_runners_both_succeed_and_each_migration_is_applied_once()
    {
        await using var db = await PersistenceDatabase.CreateAsync(migrate: false);
        // Separate data sources = separate pools, like two services starting side by side.
        await using var other = Npgsql.NpgsqlDataSource.Create(db.ConnectionString);
        var a = db.Migrator();
        var b = new SchemaMigrator(other, NullLogger<SchemaMigrator>.Instance);

        var results = await Task.WhenAll(Task.Run(() => a.MigrateAsync()), Task.Run(() => b.MigrateAsync()));

        var expected = MigrationScript.LoadEmbedded().Count;
        Assert.Equal(expected, results.Sum(r => r.Count));
        Assert.Equal(expected, await db.ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_changed_applied_migration_is_refused()
    {
        await using var db = await PersistenceDatabase.CreateAsync(migrate: false);
        var scripts = new[]
        {
            new MigrationScript(1, "first", "CREATE TABLE t1 (id int)"),
            new MigrationScript(2, "second", "CREATE TABLE t2 (id int)"),
        };
        await db.Migrator().MigrateAsync(scripts);

        var edited = new[] { scripts[0], scripts[1] with { Sql = "CREATE TABLE t2 (id bigint)" } };
        var ex = await Assert.ThrowsAsync<MigrationChecksumException>(() => db.Migrator().MigrateAsync(edited));
        Assert.Equal(2, ex.Version);
        Assert.Contains("0002_second", ex.Message);
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_and_records_nothing()
    {
        await using var db = await PersistenceDatabase.CreateAsync(migrate: false);
        var scripts = new[]
        {
            new MigrationScript(1, "ok", "CREATE TABLE ok_table (id int)"),
            new MigrationScript(2, "broken", "CREATE TABLE half_done (id int); SELECT no_such_function();"),
        };

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Migrator().MigrateAsync(scripts));

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_name = 'half_done'"));
        // The lock was released: a fixed script can be applied by the next start.
        var fixedScripts = new[] { scripts[0], new MigrationScript(2, "broken", "CREATE TABLE half_done (id int)") };
        Assert.Single(await db.Migrator().MigrateAsync(fixedScripts));
    }
}
