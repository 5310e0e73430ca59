using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AiSales.AppHost.Resources;

/// <summary>Postgres from the machine's binaries as an Aspire resource: <c>AddLocalPostgres(...).AddDatabase(...)</c>.</summary>
public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Stops like <c>pg_ctl stop -m fast</c>: DCP stops executables with SIGTERM, which Postgres treats as a *smart*
    /// shutdown that waits for every client to leave; SIGINT disconnects them and exits at once (after a checkpoint).
    /// </summary>
    private const string FastShutdownWrapper =
        """
        trap 'kill -INT "$child" 2>/dev/null' TERM INT
        "$@" &
        child=$!
        code=0
        while kill -0 "$child" 2>/dev/null; do wait "$child"; code=$?; done
        exit "$code"
        """;

    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password, string stateDirectory)
    {
        var binDir = new LocalBinaries(builder.Configuration["AppHost:BinarySearchPath"]).PostgresDirectory(name);
        var cluster = new LocalPostgresCluster(
            binDir,
            DataDirectory: Path.Combine(stateDirectory, "data", name),
            SocketDirectory: Path.Combine(stateDirectory, "run", name),
            Account: ServerAccount.ForPostgres());
        var resource = new LocalPostgresResource(name, stateDirectory, password.Resource);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, async (_, ct) =>
            await cluster.PrepareAsync(await resource.PasswordParameter.GetValueAsync(ct) ?? "", ct));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new LocalPostgresHealthCheck(resource, cluster), failureStatus: null, tags: null));

        return builder.AddResource(resource)
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", isProxied: false,
                port: Ports.For(builder, name), targetPort: Ports.For(builder, name))
            .WithArgs(context =>
            {
                context.Args.Add("-c");
                context.Args.Add(FastShutdownWrapper);
                context.Args.Add("postgres-fast-shutdown");
                foreach (var arg in cluster.Account?.SwitchUserPrefix ?? []) context.Args.Add(arg);
                context.Args.Add(Path.Combine(binDir, "postgres"));
                foreach (var arg in (string[])["-D", cluster.DataDirectory, "-c", "listen_addresses=127.0.0.1",
                             "-c", $"unix_socket_directories={cluster.SocketDirectory}", "-c", "max_connections=300", "-p"])
                    context.Args.Add(arg);
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheck);
    }

    /// <summary>
    /// A database on the local server, created when the server is ready. Aspire hands its own state to children of
    /// container parents only, so this child publishes its own (Waiting → Running), or WaitFor on it would never end.
    /// </summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresResource> server, string name, string? databaseName = null)
    {
        var builder = server.ApplicationBuilder;
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases[name] = database.DatabaseName;

        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (e, ct) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            var connectionString = await server.Resource.ConnectionStringExpression.GetValueAsync(ct);
            await LocalPostgresCluster.CreateDatabaseIfMissingAsync(connectionString!, database.DatabaseName, ct);
            await notifications.PublishUpdateAsync(database, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server.Resource, async (e, _) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Exited, StopTimeStamp = DateTime.UtcNow });
        });

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new LocalPostgresHealthCheck(database, cluster: null), failureStatus: null, tags: null));

        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("postgres.database", database.DatabaseName)],
            })
            .WithParentRelationship(server)
            .WithIconName("Database")
            .WithHealthCheck(healthCheck);
    }

    /// <summary>SELECT 1 as the services will connect. A server made with another password gets the current one.</summary>
    private sealed class LocalPostgresHealthCheck(IResourceWithConnectionString target, LocalPostgresCluster? cluster) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var builder = new NpgsqlConnectionStringBuilder(await target.ConnectionStringExpression.GetValueAsync(ct)) { Timeout = 3, Pooling = false };
            builder.Database ??= "postgres";
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 3 };
                await command.ExecuteScalarAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword && cluster is not null)
            {
                await cluster.ResetPasswordAsync(builder.Port, builder.Password!, ct);
                return HealthCheckResult.Unhealthy("password reset to the current secret");
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        }
    }
}
