using System.Data.Common;
using Aspire.Npgsql;
using Aspire.Npgsql.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Substitute for Aspire.Npgsql: one NpgsqlDataSource per process from <c>ConnectionStrings:{name}</c>,
/// a "postgres" health check and Npgsql's traces and metrics.
/// </summary>
public static class AspireNpgsqlExtensions
{
    internal const string SettingsSection = "Aspire:Npgsql";

    public static void AddNpgsqlDataSource(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<NpgsqlSettings>? configureSettings = null,
        Action<NpgsqlDataSourceBuilder>? configureDataSourceBuilder = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);

        // Flags decide what gets registered, so they are read now; the connection string is read when
        // the host is built, so configuration added later (test hosts, WebApplicationFactory) still counts.
        var registration = ReadSettings(builder.Configuration, connectionName, configureSettings);

        builder.Services.AddOptions<NpgsqlSettings>(connectionName)
            .Configure<IConfiguration>((settings, configuration) => Bind(settings, configuration, connectionName, configureSettings))
            .Validate(s => !string.IsNullOrWhiteSpace(s.ConnectionString), ConnectionStringCheck.Missing(connectionName, SettingsSection))
            .ValidateOnStart();

        builder.Services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptionsMonitor<NpgsqlSettings>>().Get(connectionName);
            var dataSourceBuilder = new NpgsqlDataSourceBuilder(ConnectionStringCheck.Require(settings.ConnectionString, connectionName, SettingsSection));
            dataSourceBuilder.UseLoggerFactory(sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>());
            configureDataSourceBuilder?.Invoke(dataSourceBuilder);
            return dataSourceBuilder.Build();
        });
        builder.Services.AddSingleton<DbDataSource>(sp => sp.GetRequiredService<NpgsqlDataSource>());
        builder.Services.AddTransient(sp => sp.GetRequiredService<NpgsqlDataSource>().CreateConnection());
        builder.Services.AddSingleton(new NpgsqlDataSourceRegistration(connectionName));

        if (!registration.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                "postgres",
                sp => new NpgsqlHealthCheck(sp.GetRequiredService<NpgsqlDataSource>(), registration.HealthCheckTimeout),
                failureStatus: null,
                tags: ["ready"],
                timeout: registration.HealthCheckTimeout + TimeSpan.FromSeconds(1)));
        }

        NpgsqlTelemetry.Register(builder.Services, registration.DisableTracing, registration.DisableMetrics);
    }

    internal static NpgsqlSettings ReadSettings(IConfiguration configuration, string connectionName, Action<NpgsqlSettings>? configure)
    {
        var settings = new NpgsqlSettings();
        Bind(settings, configuration, connectionName, configure);
        return settings;
    }

    private static void Bind(NpgsqlSettings settings, IConfiguration configuration, string connectionName, Action<NpgsqlSettings>? configure)
    {
        configuration.GetSection(SettingsSection).Bind(settings);
        if (configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
            settings.ConnectionString = connectionString;
        configure?.Invoke(settings);
    }
}

/// <summary>Marks which connection name the registered NpgsqlDataSource belongs to, so a DbContext for the same name shares it.</summary>
internal sealed record NpgsqlDataSourceRegistration(string ConnectionName);
