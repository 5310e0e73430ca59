using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Persistence;

/// <summary>
/// The SQL migrations are the source of truth and the EF model is written by hand: this proves they
/// describe the same tables, columns, types and nullability.
/// </summary>
public sealed class SchemaAgreementTests
{
    [Fact]
    public async Task Every_mapped_column_exists_with_the_same_type_and_nullability()
    {
        await using var db = await PersistenceDatabase.CreateAsync(migrate: true);
        var actual = await ReadDatabaseColumnsAsync(db);

        await using var context = db.CreateContext();
        var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();

        var differences = new List<string>();
        var tableCount = 0;
        foreach (var table in model.Tables)
        {
            tableCount++;
            foreach (var column in table.Columns)
            {
                var key = $"{table.Name}.{column.Name}";
                if (!actual.TryGetValue(key, out var dbColumn))
                {
                    differences.Add($"{key}: mapped by EF but missing in the database");
                    continue;
                }
                var efType = Normalize(column.StoreType);
                if (efType != dbColumn.Type)
                    differences.Add($"{key}: EF type '{efType}' but database type '{dbColumn.Type}'");
                if (column.IsNullable != dbColumn.Nullable)
                    differences.Add($"{key}: EF nullable={column.IsNullable} but database nullable={dbColumn.Nullable}");
            }
        }

        Assert.True(differences.Count == 0, "EF model and migrated schema disagree:\n" + string.Join("\n", differences));
        // Guard against an empty model making the loop above vacuous.
        Assert.True(tableCount >= 20, $"Only {tableCount} tables mapped");
    }

    [Fact]
    public async Task Every_table_created_by_the_migrations_is_mapped_by_EF()
    {
        await using var db = await PersistenceDatabase.CreateAsync(migrate: true);
        var actualTables = (await ReadDatabaseColumnsAsync(db)).Keys.Select(k => k.Split('.')[0]).ToHashSet();

        await using var context = db.CreateContext();
        var mapped = context.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.Select(t => t.Name).ToHashSet();

        var unmapped = actualTables.Except(mapped).Order().ToList();
        Assert.True(unmapped.Count == 0, "Tables without an EF mapping: " + string.Join(", ", unmapped));
    }

    [Fact]
    public async Task Identity_configured_for_passkeys_still_maps_the_migrated_tables()
    {
        await using var db = await PersistenceDatabase.CreateAsync(migrate: false);
        var services = new ServiceCollection();
        services.AddDbContext<AiSalesDbContext>(o => o.UseNpgsql(db.DataSource));
        services.AddIdentityCore<AppUser>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
            .AddEntityFrameworkStores<AiSalesDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AiSalesDbContext>();

        var tables = context.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.Select(t => t.Name).ToList();

        Assert.Contains("users", tables);
        Assert.DoesNotContain(tables, t => t.Contains("passkey", StringComparison.OrdinalIgnoreCase));
    }

    private static string Normalize(string storeType) => storeType.ToLowerInvariant() switch
    {
        "int" => "integer",
        "timestamptz" => "timestamp with time zone",
        var t => t,
    };

    private static async Task<Dictionary<string, (string Type, bool Nullable)>> ReadDatabaseColumnsAsync(PersistenceDatabase db)
    {
        var columns = new Dictionary<string, (string, bool)>();
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.character_maximum_length, c.is_nullable = 'YES'
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var dataType = reader.GetString(2);
            var udt = reader.GetString(3);
            var type = dataType switch
            {
                "ARRAY" => ToSqlName(udt.TrimStart('_'), null) + "[]",
                _ => ToSqlName(udt, reader.IsDBNull(4) ? null : reader.GetInt32(4)),
            };
            columns[$"{reader.GetString(0)}.{reader.GetString(1)}"] = (type, reader.GetBoolean(5));
        }
        return columns;
    }

    private static string ToSqlName(string udt, int? length) => udt switch
    {
        "int4" => "integer",
        "int8" => "bigint",
        "int2" => "smallint",
        "bool" => "boolean",
        "timestamptz" => "timestamp with time zone",
        "timestamp" => "timestamp without time zone",
        "varchar" => length is null ? "character varying" : $"character varying({length})",
        _ => udt,
    };
}
