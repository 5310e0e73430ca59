using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiSales.AppHost.Supervision;

/// <summary>
/// Starts a service again when it dies on its own (non-zero exit: a crash, an OOM kill), after a growing pause so a
/// service that fails at start does not spin. DCP leaves a dead executable dead; in production the container platform
/// does this, and on a developer's machine a crashed Worker would otherwise stop every reply until someone notices.
/// A service stopped from the dashboard exits with 0 and stays stopped; nothing restarts while the AppHost stops.
/// </summary>
internal sealed class CrashedServiceRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<CrashedServiceRestarter> logger) : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, (int Crashes, DateTime Last)> _crashes = new();
    private readonly HashSet<string> _restarting = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is not ProjectResource || !Crashed(update.Snapshot) || lifetime.ApplicationStopping.IsCancellationRequested) continue;
                if (!_restarting.Add(update.ResourceId)) continue;
                _ = RestartAsync(update.ResourceId, update.Snapshot.ExitCode, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private static bool Crashed(CustomResourceSnapshot snapshot) =>
        (snapshot.State?.Text == KnownResourceStates.Exited || snapshot.State?.Text == KnownResourceStates.Finished) && snapshot.ExitCode is { } code && code != 0;

    private async Task RestartAsync(string resourceId, int? exitCode, CancellationToken ct)
    {
        try
        {
            // Crashes more than a minute apart start the count again.
            var (count, last) = _crashes.GetValueOrDefault(resourceId);
            count = DateTime.UtcNow - last > TimeSpan.FromMinutes(1) ? 1 : count + 1;
            _crashes[resourceId] = (count, DateTime.UtcNow);
            var pause = TimeSpan.FromMilliseconds(Math.Min(MaxPause.TotalMilliseconds, 500 * Math.Pow(2, count - 1)));
            logger.LogWarning("{Resource} exited with code {ExitCode}; starting it again in {Pause}", resourceId, exitCode, pause);
            await Task.Delay(pause, ct);
            if (lifetime.ApplicationStopping.IsCancellationRequested) return;
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, ct);
            if (!result.Success) logger.LogError("{Resource} could not be started again: {Error}", resourceId, result.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally { _restarting.Remove(resourceId); }
    }
}
