using System.Text.RegularExpressions;
using Npgsql;

namespace Wolverine.Postgresql;

public static partial class PostgresqlConfigurationExtensions
{
    /// <summary>Durable inbox/outbox/scheduling on Postgres; the tables live in <paramref name="schemaName"/>.</summary>
    public static WolverineOptions PersistMessagesWithPostgresql(this WolverineOptions options, string connectionString, string schemaName = PostgresqlSchema.DefaultSchemaName)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var dataSource = new Lazy<NpgsqlDataSource>(() => OwnPool(connectionString));
        options.Persistence = new PostgresqlSettings(_ => dataSource.Value, ownsDataSource: true, Validate(schemaName));
        return options;
    }

    public static WolverineOptions PersistMessagesWithPostgresql(this WolverineOptions options, NpgsqlDataSource dataSource, string schemaName = PostgresqlSchema.DefaultSchemaName)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options.Persistence = new PostgresqlSettings(_ => dataSource, ownsDataSource: false, Validate(schemaName));
        return options;
    }

    /// <summary>
    /// The store's own pool: its statements leave no session state behind (the one LISTEN connection returns to
    /// the pool only when the listener stops or breaks), so the reset on every return is skipped and the few hot statements (fetch,
    /// complete, enqueue) stay prepared per connection. Values in the connection string win.
    /// </summary>
    private static NpgsqlDataSource OwnPool(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // A plain DbConnectionStringBuilder holds only the keys the string sets (Npgsql's own builder answers
        // ContainsKey for every keyword it knows, so the defaults below were never applied).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(params string[] keys) => keys.Any(given.ContainsKey);
        if (!Given("No Reset On Close", "NoResetOnClose")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        if (!Given("Max Auto Prepare", "MaxAutoPrepare")) builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        return builder.Build();
    }

    private static string Validate(string schema) =>
        SchemaName().IsMatch(schema) ? schema : throw new ArgumentException($"'{schema}' is not a plain lower-case identifier.", nameof(schema));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,40}$")]
    private static partial Regex SchemaName();
}
