using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

public static class PostgresBuilderExtensions
{
    /// <summary>
    /// A Postgres server. ConnectionStrings:{name} in the AppHost's configuration points it at an existing server;
    /// otherwise a private one runs locally. Password: Parameters:{name}-password, else generated.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        var password = builder.Configuration[$"Parameters:{name}-password"] ?? Secrets.Generate(24);
        var resource = new PostgresServerResource(name, password) { ExternalConnectionString = builder.Configuration.GetConnectionString(name) };
        if (resource.ExternalConnectionString is null) resource.Port = DistributedApplicationBuilder.AllocatePort(builder, name, port ?? 5432);
        return builder.AddResource(resource);
    }

    /// <summary>A database on the server, created when the server is healthy. ConnectionStrings:{name} makes both external.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var db = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource)
        {
            ExternalConnectionString = server.ApplicationBuilder.Configuration.GetConnectionString(name),
        };
        if (db.ExternalConnectionString is not null && server.Resource.ExternalConnectionString is null)
            server.Resource.ExternalConnectionString = db.ExternalConnectionString;
        server.Resource.Databases.Add(db);
        return server.ApplicationBuilder.AddResource(db);
    }
}

public static class RedisBuilderExtensions
{
    /// <summary>A Redis server: ConnectionStrings:{name} points at an existing one; otherwise a private one runs locally.</summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        // No commas or '=': StackExchange.Redis-style connection strings cannot carry them.
        var password = builder.Configuration[$"Parameters:{name}-password"] ?? Secrets.Generate(24);
        var resource = new RedisResource(name, password) { ExternalConnectionString = builder.Configuration.GetConnectionString(name) };
        if (resource.ExternalConnectionString is null) resource.Port = DistributedApplicationBuilder.AllocatePort(builder, name, port ?? 6379);
        return builder.AddResource(resource);
    }
}

public static class ConnectionStringBuilderExtensions
{
    /// <summary>A connection string taken as-is from ConnectionStrings:{name}.</summary>
    public static IResourceBuilder<ConnectionStringResource> AddConnectionString(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new ConnectionStringResource(name, builder.Configuration.GetConnectionString(name)));
}

internal static class Secrets
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static string Generate(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
