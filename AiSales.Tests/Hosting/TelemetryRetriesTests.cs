using AiSales.AppHost.Supervision;
using AiSales.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace AiSales.Tests.Hosting;

/// <summary>
/// The AppHost's services export telemetry without Aspire's in-memory retry: the dashboard stops before them, and a
/// retrying flush into its closed port held every service's exit for ~11 s after the AppHost had gone.
/// </summary>
public class TelemetryRetriesTests
{
    [Fact]
    public async Task Every_service_runs_without_the_in_memory_export_retry_aspire_sets_for_projects()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var host = await TestAppHost.CreateAsync(timeout.Token);
        var projects = host.Builder.Resources.OfType<ProjectResource>().ToList();
        Assert.Equal(["webhooks", "worker", "dashboard"], projects.Select(p => p.Name));

        foreach (var project in projects)
        {
            // Every environment callback in the order DCP's would run them, Aspire's own first. Only the callbacks: values
            // such as endpoint URLs stay unresolved (nothing is allocated when the app has not started).
            var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), project, cancellationToken: timeout.Token);
            foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>()) await callback.Callback(context);
            var environment = context.EnvironmentVariables;
            Assert.False(environment.ContainsKey(TelemetryRetries.RetryVariable), $"{project.Name}: {TelemetryRetries.RetryVariable}={environment.GetValueOrDefault(TelemetryRetries.RetryVariable)}");
            Assert.True(environment.ContainsKey("Meta__VerifyToken"), $"{project.Name}: the AppHost's own callbacks did not run");
        }
    }
}
