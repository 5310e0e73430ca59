namespace Aspire.Hosting.ApplicationModel;

/// <summary>Current state of every resource, and a way to wait for a state.</summary>
public sealed class ResourceNotificationService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ResourceSnapshot> _snapshots = new(StringComparer.OrdinalIgnoreCase);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Raised after every change (console, resources.json).</summary>
    internal event Action<ResourceSnapshot>? Changed;

    public IReadOnlyList<ResourceSnapshot> Snapshots
    {
        get { lock (_gate) return [.. _snapshots.Values]; }
    }

    public bool TryGetCurrentState(string resourceName, out ResourceSnapshot? snapshot)
    {
        lock (_gate) return _snapshots.TryGetValue(resourceName, out snapshot);
    }

    internal void Publish(ResourceSnapshot snapshot)
    {
        TaskCompletionSource pulse;
        lock (_gate)
        {
            if (_snapshots.TryGetValue(snapshot.Name, out var old) && old == snapshot) return;
            _snapshots[snapshot.Name] = snapshot;
            pulse = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        pulse.TrySetResult();
        Changed?.Invoke(snapshot);
    }

    internal void Update(string name, Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        ResourceSnapshot current;
        lock (_gate) current = _snapshots.TryGetValue(name, out var s) ? s : new(name, KnownResourceStates.NotStarted, null, [], 0);
        Publish(change(current));
    }

    public Task<ResourceEvent> WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(resourceName, s => s.State == KnownResourceStates.Healthy, cancellationToken, failOnTerminal: true);

    public async Task<string> WaitForResourceAsync(string resourceName, string? targetState = null, CancellationToken cancellationToken = default)
    {
        var e = await WaitForResourceAsync(resourceName, s => s.State == (targetState ?? KnownResourceStates.Running), cancellationToken, failOnTerminal: false);
        return e.Snapshot.State;
    }

    public async Task<ResourceEvent> WaitForResourceAsync(string resourceName, Func<ResourceSnapshot, bool> predicate,
        CancellationToken cancellationToken = default, bool failOnTerminal = false)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_snapshots.TryGetValue(resourceName, out var s))
                {
                    if (predicate(s)) return new ResourceEvent(new NamedResource(resourceName), s);
                    // A resource that can no longer start will never become healthy: fail fast with its reason.
                    if (failOnTerminal && s.State == KnownResourceStates.Failed)
                        throw new InvalidOperationException($"Resource '{resourceName}' failed: {s.Message}");
                }
                next = _changed.Task;
            }
            await next.WaitAsync(cancellationToken);
        }
    }

    private sealed record NamedResource(string Name) : IResource;
}
