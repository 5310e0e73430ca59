using Npgsql;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>A Postgres server: a private local instance, or an external one from ConnectionStrings:{name or database}.</summary>
public sealed class PostgresServerResource(string name, string password) : Resource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    internal string Password { get; } = password;
    internal string UserName => "postgres";
    internal int Port { get; set; }

    /// <summary>Set when configuration names an existing server; then no process is started.</summary>
    internal string? ExternalConnectionString { get; set; }

    internal List<PostgresDatabaseResource> Databases { get; } = [];

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(ConnectionString);

    internal string ConnectionString => ExternalConnectionString ?? new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = UserName,
        Password = Password,
    }.ConnectionString;
}

public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent, IResourceWithWaitSupport
{
    public string DatabaseName { get; } = databaseName;
    public PostgresServerResource Parent { get; } = parent;
    IResource IResourceWithParent.Parent => Parent;

    internal string? ExternalConnectionString { get; set; }

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(ConnectionString);

    internal string ConnectionString => ExternalConnectionString
        ?? new NpgsqlConnectionStringBuilder(Parent.ConnectionString) { Database = DatabaseName }.ConnectionString;
}

/// <summary>A Redis server: a private local instance, or an external one from ConnectionStrings:{name}.</summary>
public sealed class RedisResource(string name, string password) : Resource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    internal string Password { get; } = password;
    internal int Port { get; set; }
    internal string? ExternalConnectionString { get; set; }

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(ConnectionString);

    internal string ConnectionString => ExternalConnectionString ?? $"127.0.0.1:{Port},password={Password}";
}

/// <summary>A connection string given entirely by configuration (AddConnectionString).</summary>
public sealed class ConnectionStringResource(string name, string? value) : Resource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(value);
}

/// <summary>A .NET project launched as `dotnet &lt;TargetPath&gt;`.</summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata)
    : Resource(name), IResourceWithEndpoints, IResourceWithEnvironment, IResourceWithWaitSupport
{
    internal IProjectMetadata Metadata { get; } = metadata;
    internal List<EndpointAnnotation> EndpointList { get; } = [];
    public IReadOnlyList<EndpointAnnotation> Endpoints => EndpointList;
}
