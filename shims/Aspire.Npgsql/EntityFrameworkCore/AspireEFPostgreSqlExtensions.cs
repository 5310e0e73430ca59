using Aspire.Npgsql;
using Aspire.Npgsql.EntityFrameworkCore.PostgreSQL;
using Aspire.Npgsql.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Substitute for Aspire.Npgsql.EntityFrameworkCore.PostgreSQL: a pooled DbContext on Npgsql, sharing the
/// process's NpgsqlDataSource when AddNpgsqlDataSource was called for the same connection name.
/// </summary>
public static class AspireEFPostgreSqlExtensions
{
    private const string SettingsSection = "Aspire:Npgsql:EntityFrameworkCore:PostgreSQL";

    public static void AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<NpgsqlEntityFrameworkCorePostgreSQLSettings>? configureSettings = null,
        Action<DbContextOptionsBuilder>? configureDbContextOptions = null) where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);

        var optionsName = $"{connectionName}/{typeof(TContext).FullName}";
        var registration = new NpgsqlEntityFrameworkCorePostgreSQLSettings();
        Bind(registration, builder.Configuration, connectionName, configureSettings);

        builder.Services.AddOptions<NpgsqlEntityFrameworkCorePostgreSQLSettings>(optionsName)
            .Configure<IConfiguration>((settings, configuration) => Bind(settings, configuration, connectionName, configureSettings))
            .Validate(s => !string.IsNullOrWhiteSpace(s.ConnectionString), ConnectionStringCheck.Missing(connectionName, SettingsSection))
            .ValidateOnStart();

        builder.Services.AddDbContextPool<TContext>((sp, options) =>
        {
            var settings = sp.GetRequiredService<IOptionsMonitor<NpgsqlEntityFrameworkCorePostgreSQLSettings>>().Get(optionsName);
            var shared = sp.GetServices<NpgsqlDataSourceRegistration>().Any(r => r.ConnectionName == connectionName)
                ? sp.GetRequiredService<NpgsqlDataSource>()
                : null;

            void Npgsql(NpgsqlDbContextOptionsBuilder npgsql)
            {
                if (!settings.DisableRetry) npgsql.EnableRetryOnFailure();
                if (settings.CommandTimeout is { } seconds) npgsql.CommandTimeout(seconds);
            }

            if (shared is not null) options.UseNpgsql(shared, Npgsql);
            else options.UseNpgsql(ConnectionStringCheck.Require(settings.ConnectionString, connectionName, SettingsSection), Npgsql);

            configureDbContextOptions?.Invoke(options);
        });

        if (!registration.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                typeof(TContext).Name,
                sp => new DbContextHealthCheck<TContext>(sp.GetRequiredService<TContext>(), TimeSpan.FromSeconds(5)),
                failureStatus: null,
                tags: ["ready"],
                timeout: TimeSpan.FromSeconds(6)));
        }

        NpgsqlTelemetry.Register(builder.Services, registration.DisableTracing, registration.DisableMetrics);
    }

    private static void Bind(NpgsqlEntityFrameworkCorePostgreSQLSettings settings, IConfiguration configuration, string connectionName,
        Action<NpgsqlEntityFrameworkCorePostgreSQLSettings>? configure)
    {
        configuration.GetSection(SettingsSection).Bind(settings);
        if (configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
            settings.ConnectionString = connectionString;
        configure?.Invoke(settings);
    }
}
