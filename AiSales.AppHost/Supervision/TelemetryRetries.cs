namespace AiSales.AppHost.Supervision;

/// <summary>
/// Aspire tells every .NET project to retry failed telemetry exports in memory (OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY),
/// so a dashboard restart loses nothing. Here the dashboard stops with the AppHost, before DCP stops the services, and a
/// service's shutdown then flushes its logs, metrics and spans into a closed port, retrying until the export timeout:
/// every service outlived the AppHost by ~11 s (docs/hosting.md, "Start and stop"), long enough for a quick re-run to find
/// the ports still taken. Without the retry a failed export is dropped at once.
/// </summary>
public static class TelemetryRetries
{
    public const string RetryVariable = "OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY";

    public static IResourceBuilder<ProjectResource> WithoutTelemetryRetries(this IResourceBuilder<ProjectResource> project) =>
        // Runs after Aspire's own environment callbacks (added with the project), so its value is the one removed.
        project.WithEnvironment(context => context.EnvironmentVariables.Remove(RetryVariable));
}
