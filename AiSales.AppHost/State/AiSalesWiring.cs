using Microsoft.Extensions.DependencyInjection;

namespace AiSales.AppHost.State;

/// <summary>AiSales-specific AppHost wiring: secrets to the services, and the demo facts tools read from resources.json.</summary>
public static class AiSalesWiring
{
    public static DevelopmentSecrets UseDevelopmentSecrets(this IDistributedApplicationBuilder builder, string stateDirectory)
    {
        var secrets = DevelopmentSecrets.LoadOrCreate(Path.Combine(stateDirectory, "secrets.json"));

        // Aspire reads parameter values from Parameters:{name}; the data servers take their passwords from here,
        // so a kept cluster and its password stay together between runs.
        builder.Configuration["Parameters:postgres-password"] = secrets.PostgresPassword;
        builder.Configuration["Parameters:redis-password"] = secrets.RedisPassword;

        builder.Services.AddSingleton(new ResourcesFileSection("secrets", new
        {
            metaAppSecret = secrets.MetaAppSecret,
            verifyToken = secrets.VerifyToken,
            operatorApiKey = secrets.OperatorApiKey,
        }));
        builder.Services.AddSingleton(new ResourcesFileSection("demo", new
        {
            email = secrets.Demo.Email,
            password = secrets.Demo.Password,
            merchantId = secrets.Demo.MerchantId,
            channelPlatform = "instagram",
            channelExternalId = secrets.Demo.ChannelExternalId,
        }));
        return secrets;
    }

    /// <summary>resources.json and logs/ under the state directory, kept in step with the running resources.</summary>
    public static void UseStateFiles(this IDistributedApplicationBuilder builder, string stateDirectory)
    {
        var files = new StateFiles(stateDirectory);
        builder.Services.AddSingleton(files);
        builder.Services.AddSingleton(new ResourcesFile(files.ResourcesFile));
        builder.Services.AddHostedService<ResourcesFileWriter>();
        builder.Services.AddHostedService<ResourceLogFiles>();
    }

    public static IResourceBuilder<ProjectResource> WithAiSalesSecrets(this IResourceBuilder<ProjectResource> project, DevelopmentSecrets secrets) => project
        // The services run in the AppHost's environment (Development from its launch profile and under tests): static web
        // assets, the demo shop and the simulator are served from the build output only there.
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", project.ApplicationBuilder.Environment.EnvironmentName)
        .WithEnvironment("DOTNET_ENVIRONMENT", project.ApplicationBuilder.Environment.EnvironmentName)
        .WithEnvironment("Meta__AppSecrets__0", secrets.MetaAppSecret)
        .WithEnvironment("Meta__VerifyToken", secrets.VerifyToken)
        .WithEnvironment("Security__EncryptionKey", secrets.EncryptionKey)
        .WithEnvironment("Demo__Enabled", "true")
        .WithEnvironment("Demo__MerchantId", secrets.Demo.MerchantId.ToString())
        .WithEnvironment("Demo__Email", secrets.Demo.Email)
        .WithEnvironment("Demo__Password", secrets.Demo.Password)
        .WithEnvironment("Demo__ChannelExternalId", secrets.Demo.ChannelExternalId)
        // The demo ad account and campaigns on /crm (docs/campaigns.md); test AppHosts pass Demo:Campaigns=false.
        .WithEnvironment("Demo__Campaigns", project.ApplicationBuilder.Configuration["Demo:Campaigns"] ?? "true");

    /// <summary>The operator key, for the one service that serves the operator API (the dashboard, under /ops/api).</summary>
    public static IResourceBuilder<ProjectResource> WithOperatorKey(this IResourceBuilder<ProjectResource> project, DevelopmentSecrets secrets) =>
        project.WithEnvironment("Ops__ApiKey", secrets.OperatorApiKey);
}
