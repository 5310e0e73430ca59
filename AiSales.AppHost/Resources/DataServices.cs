using Microsoft.Extensions.Configuration;

namespace AiSales.AppHost.Resources;

/// <summary>
/// Postgres (database <c>aisales</c>) and Redis for the services, whatever the machine has:
/// <list type="bullet">
/// <item><c>ConnectionStrings__aisales</c> / <c>ConnectionStrings__redis</c> given to the AppHost: those existing servers;</item>
/// <item>else Aspire's containers when a container engine answers (<c>AppHost:DataServices=container</c> forces it);</item>
/// <item>else the machine's own postgres and redis-server binaries (<c>AppHost:DataServices=local</c> forces it).</item>
/// </list>
/// Every branch has the same resource names and connection-string shapes, so the rest of the AppHost is the same.
/// </summary>
public static class DataServices
{
    public static IResourceBuilder<IResourceWithConnectionString> AddAiSalesDatabase(this IDistributedApplicationBuilder builder, string stateDirectory)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("aisales")))
            return builder.AddConnectionString("aisales");
        var password = builder.AddParameter("postgres-password", secret: true);
        return UseContainers(builder)
            ? builder.AddPostgres("postgres", password: password, port: Ports.For(builder, "postgres")).WithDataVolume("aisales-postgres-data").AddDatabase("aisales")
            : builder.AddLocalPostgres("postgres", password, stateDirectory).AddDatabase("aisales");
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddAiSalesRedis(this IDistributedApplicationBuilder builder, string stateDirectory)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("redis")))
            return builder.AddConnectionString("redis");
        var password = builder.AddParameter("redis-password", secret: true);
        return UseContainers(builder)
            ? builder.AddRedis("redis", port: Ports.For(builder, "redis"), password: password).WithDataVolume("aisales-redis-data")
            : builder.AddLocalRedis("redis", password, stateDirectory);
    }

    private static bool? _containers;

    private static bool UseContainers(IDistributedApplicationBuilder builder)
    {
        var mode = Enum.TryParse<DataServicesMode>(builder.Configuration["AppHost:DataServices"], ignoreCase: true, out var m) ? m : DataServicesMode.Auto;
        return mode switch
        {
            DataServicesMode.Container => true,
            DataServicesMode.Local => false,
            _ => _containers ??= ContainerEngine.Works(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? builder.Configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"]),
        };
    }
}
