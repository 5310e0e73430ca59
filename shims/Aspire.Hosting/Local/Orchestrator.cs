using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Local;

/// <summary>
/// Starts every resource once its WaitFor dependencies are healthy, polls health, restarts what dies (exponential
/// backoff 1 s..30 s), and stops everything in reverse dependency order: projects, then Redis, then Postgres.
/// </summary>
internal sealed class Orchestrator(IReadOnlyList<(Resource Resource, IResourceRunner Runner)> resources, ResourceNotificationService notifications, ConsoleReporter reporter)
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, ManagedProcess> _processes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<Task> _loops = [];

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var (resource, runner) in resources)
            notifications.Publish(new(resource.Name, KnownResourceStates.NotStarted, null, runner.Endpoints, 0));
        // Every missing binary is found before any process starts.
        foreach (var (_, runner) in resources) await runner.PrepareAsync(ct);
        foreach (var (resource, runner) in resources) _loops.Add(Task.Run(() => RunAsync(resource, runner, _stopping.Token)));
    }

    private async Task RunAsync(Resource resource, IResourceRunner runner, CancellationToken ct)
    {
        var restarts = 0;      // shown to the user: how often this resource was restarted in all
        var crashesInARow = 0; // drives the backoff; a run that stayed healthy for a while starts it over
        try
        {
            var dependencies = resource.WaitsFor.Concat(resource is IResourceWithParent p ? [p.Parent] : []).Distinct().ToList();
            if (dependencies.Count > 0)
            {
                Set(resource, runner, KnownResourceStates.Waiting, null, restarts);
                foreach (var dep in dependencies) await notifications.WaitForResourceHealthyAsync(dep.Name, ct);
            }
            while (!ct.IsCancellationRequested)
            {
                Set(resource, runner, KnownResourceStates.Starting, null, restarts);
                ManagedProcess? process;
                try { process = await runner.StartAsync(ct); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Set(resource, runner, KnownResourceStates.Failed, null, restarts, e.Message);
                    await Task.Delay(Backoff(crashesInARow++), ct);
                    restarts++;
                    continue;
                }
                if (process is not null) lock (_gate) _processes[resource.Name] = process;
                Set(resource, runner, KnownResourceStates.Running, process?.Pid, restarts);

                var exited = process?.Exited ?? Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => 0, TaskScheduler.Default);
                while (!exited.IsCompleted && !await runner.IsHealthyAsync(ct))
                    await Task.WhenAny(exited, Task.Delay(250, ct));
                if (!exited.IsCompleted) Set(resource, runner, KnownResourceStates.Healthy, process?.Pid, restarts);
                var upSince = DateTime.UtcNow;

                var code = await exited.WaitAsync(ct);
                if (ct.IsCancellationRequested) return;
                Set(resource, runner, code == 0 ? KnownResourceStates.Exited : KnownResourceStates.Failed, null, restarts, $"exit code {code}; restarting");
                // A process that ran fine for a while and then died is a new incident, not part of a crash loop:
                // without this, a long-lived service would wait the maximum 30 s after every later crash.
                if (DateTime.UtcNow - upSince >= StableAfter) crashesInARow = 0;
                await Task.Delay(Backoff(crashesInARow++), ct);
                restarts++;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);

    private static TimeSpan Backoff(int crashesInARow) => TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(crashesInARow, 5))));

    private void Set(Resource resource, IResourceRunner runner, string state, int? pid, int restarts, string? message = null)
    {
        if (_stopping.IsCancellationRequested && state is not (KnownResourceStates.Stopping or KnownResourceStates.Exited)) return;
        notifications.Publish(new(resource.Name, state, pid, runner.Endpoints, restarts, message));
    }

    /// <summary>SIGKILL to every process group at once: for process exit, when there is no time for an orderly stop.</summary>
    public void KillAll()
    {
        _stopping.Cancel();
        List<ManagedProcess> all;
        lock (_gate) all = [.. _processes.Values];
        foreach (var p in all) Signals.SendGroup(p.Pid, Signals.SIGKILL);
        // Give the kernel a moment to reap them, so their data directories can be removed.
        Task.WhenAll(all.Select(p => p.Exited)).Wait(TimeSpan.FromSeconds(2));
    }

    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        try { await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* loops end on cancellation */ }

        // Dependents first: projects (reverse of declaration), then everything else in reverse.
        var order = resources.Where(r => r.Resource is ProjectResource).Reverse()
            .Concat(resources.Where(r => r.Resource is not ProjectResource).Reverse());
        var groups = order.GroupBy(r => r.Resource is ProjectResource ? 0 : r.Resource is RedisResource ? 1 : 2).OrderBy(g => g.Key);
        foreach (var group in groups)
        {
            await Task.WhenAll(group.Select(async r =>
            {
                ManagedProcess? process;
                lock (_gate) _processes.TryGetValue(r.Resource.Name, out process);
                if (process is null) { notifications.Update(r.Resource.Name, s => s with { State = KnownResourceStates.Exited, Pid = null, Message = null }); return; }
                notifications.Update(r.Resource.Name, s => s with { State = KnownResourceStates.Stopping, Message = null });
                await r.Runner.StopAsync(process);
                notifications.Update(r.Resource.Name, s => s with { State = KnownResourceStates.Exited, Pid = null, Message = null });
            }));
        }
        reporter.Info("all resources stopped");
    }
}
