using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

// Aspire ServiceDefaults shape: every service calls AddServiceDefaults() and MapDefaultEndpoints().
public static class Extensions
{
    public const string HealthEndpointPath = "/health";

    /// <summary>How long any health check may take before it counts as Unhealthy.</summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Our own ActivitySources and Meters are all named "AiSales.&lt;Concern&gt;".</summary>
    public const string TelemetryPrefix = "AiSales.*";

    /// <summary>Wolverine's ActivitySource (a message's send, receive and handling spans).</summary>
    public const string DurableMessagingTelemetry = "Wolverine";

    /// <summary>Wolverine's meters are named "Wolverine:&lt;service name&gt;".</summary>
    public const string DurableMessagingMeters = "Wolverine:*";

    /// <summary>
    /// Options name of the standard resilience handler that <see cref="AddServiceDefaults{TBuilder}"/> adds for every
    /// HttpClient. Added through ConfigureHttpClientDefaults, the handler's builder has no client name, so the package
    /// names it "-standard" for all clients: configure <c>HttpStandardResilienceOptions</c> under this name to change the
    /// defaults (a "{client}-standard" name only applies to a handler added on that client's own builder).
    /// </summary>
    public const string DefaultResilienceOptionsName = "-standard";

    // Npgsql's tracing and metrics come from the client integrations (AddNpgsqlDataSource / EnrichNpgsqlDbContext add
    // the "Npgsql" source and meter), StackExchange.Redis tracing from AddRedisClient: only services that talk to them get them.

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddErrorHandling();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Resilience outside, discovery inside: each retry resolves the endpoint again.
            // Registered here, for every client at once, every client shares ONE options instance
            // (DefaultResilienceOptionsName) and, unless keyed, one pipeline with one circuit breaker. Keyed by authority,
            // each destination gets its own breaker, so one failing host cannot stop calls to the others. The retry
            // default (transient failures, POSTs included) stays for these clients: what they post is idempotent on
            // our side (docs/packages.md). A client whose calls are not replaces this handler (AddChannelSenders does).
            http.AddStandardResilienceHandler().SelectPipelineByAuthority();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix)
                .AddMeter(DurableMessagingMeters))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryPrefix)
                .AddSource(DurableMessagingTelemetry)
                // Probes arrive every few seconds; tracing them would drown the real requests.
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                    && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation()
                .AddProcessor(new BackgroundClientSpanFilter()));

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Without an endpoint there is nobody to export to; the OTLP exporter would only log failures.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // "live" = the process answers; everything else (databases, Redis) is readiness and only on /health.
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        // The client integrations register their checks without a timeout: a Postgres or Redis that accepts the
        // connection and then hangs would hold /health (and the probe waiting on it) for the clients' own timeouts,
        // 15-30 s. A check that has not answered by then reports Unhealthy.
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
                if (registration.Timeout == Timeout.InfiniteTimeSpan) registration.Timeout = HealthCheckTimeout;
        });
        return builder;
    }

    /// <summary>
    /// Maps /health (every check) and /alive (checks tagged "live"). Unlike the Aspire template these are
    /// mapped in every environment: the AppHost waits on them in Development and operators' probes need them
    /// in production. They reveal only check names, statuses and short descriptions, never exception details.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = WriteHealthJson });
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains("live"),
            ResponseWriter = WriteHealthJson,
        });
        return app;
    }

    private static Task WriteHealthJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
