using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiSales.AppHost.Supervision;

/// <summary>
/// Starts a service or data server again when it stops on its own (a crash, an OOM kill, a server shut down from
/// outside), after a pause that grows only while it fails on its own before turning healthy (<see cref="RestartPause"/>).
/// DCP leaves a dead executable dead; in production the container platform does this, and on a developer's machine a
/// crashed Worker would otherwise stop every reply until someone notices. One stopped from the dashboard passes through
/// Stopping and stays stopped; nothing is restarted while the AppHost itself stops.
/// </summary>
internal sealed class CrashedServiceRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<CrashedServiceRestarter> logger) : BackgroundService
{
    private readonly Dictionary<string, string?> _lastState = [];
    // Whether the resource's current life reached Healthy; reset when it starts again.
    private readonly Dictionary<string, bool> _healthyThisLife = [];
    // Written by restarts running side by side.
    private readonly ConcurrentDictionary<string, RestartPause> _pauses = [];
    private readonly ConcurrentDictionary<string, bool> _restarting = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is not (ProjectResource or ExecutableResource) || update.Snapshot.IsHidden) continue;
                var state = update.Snapshot.State?.Text;
                var previous = _lastState.GetValueOrDefault(update.ResourceId);
                _lastState[update.ResourceId] = state;
                var wasHealthy = _healthyThisLife.GetValueOrDefault(update.ResourceId);
                if (state == KnownResourceStates.Running)
                    _healthyThisLife[update.ResourceId] = (previous == KnownResourceStates.Running && wasHealthy)
                        || update.Snapshot.HealthStatus == HealthStatus.Healthy;
                if (!StoppedOnItsOwn(previous, state) || lifetime.ApplicationStopping.IsCancellationRequested) continue;
                if (!_restarting.TryAdd(update.ResourceId, true)) continue;
                _ = RestartAsync(update.ResourceId, update.Snapshot.ExitCode, wasHealthy, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private static bool StoppedOnItsOwn(string? previous, string? state) =>
        (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished) && previous == KnownResourceStates.Running;

    private async Task RestartAsync(string resourceId, int? exitCode, bool wasHealthy, CancellationToken ct)
    {
        try
        {
            var (next, pause) = _pauses.GetValueOrDefault(resourceId).AfterStop(DateTime.UtcNow, wasHealthy, exitCode);
            _pauses[resourceId] = next;
            logger.LogWarning("{Resource} stopped on its own (exit code {ExitCode}, healthy before: {WasHealthy}); starting it again in {Pause}",
                resourceId, exitCode, wasHealthy, pause);
            await Task.Delay(pause, ct);
            if (lifetime.ApplicationStopping.IsCancellationRequested) return;
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, ct);
            if (!result.Success) logger.LogError("{Resource} could not be started again: {Error}", resourceId, result.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally { _restarting.TryRemove(resourceId, out _); }
    }
}
