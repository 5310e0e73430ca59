using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiSales.AppHost.Supervision;

/// <summary>
/// Starts a service or data server again when it stops on its own (a crash, an OOM kill, a server shut down from
/// outside), after a growing pause so one that fails at start does not spin. DCP leaves a dead executable dead; in
/// production the container platform does this, and on a developer's machine a crashed Worker would otherwise stop
/// every reply until someone notices. One stopped from the dashboard passes through Stopping and stays stopped;
/// nothing is restarted while the AppHost itself stops.
/// </summary>
internal sealed class CrashedServiceRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<CrashedServiceRestarter> logger) : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, string?> _lastState = [];
    // Written by restarts running side by side.
    private readonly ConcurrentDictionary<string, (int Crashes, DateTime Last)> _crashes = [];
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
                if (!StoppedOnItsOwn(previous, state) || lifetime.ApplicationStopping.IsCancellationRequested) continue;
                if (!_restarting.TryAdd(update.ResourceId, true)) continue;
                _ = RestartAsync(update.ResourceId, update.Snapshot.ExitCode, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private static bool StoppedOnItsOwn(string? previous, string? state) =>
        (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished) && previous == KnownResourceStates.Running;

    private async Task RestartAsync(string resourceId, int? exitCode, CancellationToken ct)
    {
        try
        {
            // Stops more than a minute apart start the count again.
            var (count, last) = _crashes.GetValueOrDefault(resourceId);
            count = DateTime.UtcNow - last > TimeSpan.FromMinutes(1) ? 1 : count + 1;
            _crashes[resourceId] = (count, DateTime.UtcNow);
            var pause = TimeSpan.FromMilliseconds(Math.Min(MaxPause.TotalMilliseconds, 500 * Math.Pow(2, count - 1)));
            logger.LogWarning("{Resource} stopped on its own (exit code {ExitCode}); starting it again in {Pause}", resourceId, exitCode, pause);
            await Task.Delay(pause, ct);
            if (lifetime.ApplicationStopping.IsCancellationRequested) return;
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, ct);
            if (!result.Success) logger.LogError("{Resource} could not be started again: {Error}", resourceId, result.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally { _restarting.TryRemove(resourceId, out _); }
    }
}
