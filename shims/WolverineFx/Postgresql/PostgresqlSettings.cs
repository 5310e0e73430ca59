using Npgsql;

namespace Wolverine.Postgresql;

internal sealed class PostgresqlSettings(Func<IServiceProvider, NpgsqlDataSource> dataSource, bool ownsDataSource, string schema)
{
    public Func<IServiceProvider, NpgsqlDataSource> DataSourceFactory { get; } = dataSource;
    public bool OwnsDataSource { get; } = ownsDataSource;
    public string Schema { get; } = schema;
}
