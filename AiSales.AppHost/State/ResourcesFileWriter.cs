using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiSales.AppHost.State;

/// <summary>Keeps <see cref="ResourcesFile"/> in step with Aspire's resource notifications.</summary>
internal sealed class ResourcesFileWriter(
    ResourceNotificationService notifications,
    DistributedApplicationModel model,
    ResourcesFile file,
    IEnumerable<ResourcesFileSection> sections,
    ILogger<ResourcesFileWriter> logger) : BackgroundService
{
    private readonly Dictionary<string, ResourceEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (!Listed(update)) continue;
                var name = EntryName(update);
                _entries[name] = Entry(update, name, _entries.GetValueOrDefault(name));
                file.Write(_entries.Values.OrderBy(e => e.Name), await ConnectionStringsAsync(stoppingToken), sections);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not write {ResourcesFile}; scripts that read it will not find the running app", file.Path);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        file.Delete();
    }

    // Parameters, hidden helpers (the "-rebuilder" resources) and the dashboard itself are not the app's resources.
    private static bool Listed(ResourceEvent update) =>
        update.Resource is not ParameterResource
        && !update.Snapshot.IsHidden
        && !update.Resource.Name.EndsWith("-rebuilder", StringComparison.Ordinal)
        && update.Resource.Name != "aspire-dashboard";

    // A resource with replicas (the Worker, AppHost:WorkerReplicas) lists each instance under its own id (worker-abc123).
    private static string EntryName(ResourceEvent update) =>
        update.Resource.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) && replicas.Replicas > 1 ? update.ResourceId : update.Resource.Name;

    private static ResourceEntry Entry(ResourceEvent update, string name, ResourceEntry? previous)
    {
        var snapshot = update.Snapshot;
        var pid = snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            // Before the process exists the property is there with 0.
            int i and > 0 => i,
            long l and > 0 => (int)l,
            string s when int.TryParse(s, out var parsed) && parsed > 0 => parsed,
            _ => (int?)null,
        };
        var state = snapshot.State?.Text ?? "Unknown";
        if (state == KnownResourceStates.Running && snapshot.HealthStatus is { } health)
            state = health == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy ? "Healthy" : "Unhealthy";
        var restarts = previous?.Restarts ?? 0;
        if (previous?.LauncherPid is { } before && pid is { } now && before != now) restarts++;
        return new ResourceEntry(name, snapshot.ResourceType, state, pid is { } p ? ServiceProcess.Resolve(p) : previous?.Pid,
            [.. snapshot.Urls.Where(u => !u.IsInternal).Select(u => u.Url)], restarts)
        {
            LauncherPid = pid ?? previous?.LauncherPid,
        };
    }

    private async Task<IReadOnlyDictionary<string, string>> ConnectionStringsAsync(CancellationToken ct)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in model.Resources.OfType<IResourceWithConnectionString>())
        {
            try
            {
                if (await resource.ConnectionStringExpression.GetValueAsync(ct) is { Length: > 0 } value) result[resource.Name] = value;
            }
            catch (InvalidOperationException) { /* endpoints not allocated yet */ }
        }
        return result;
    }
}
