namespace AiSales.AppHost.Supervision;

/// <summary>
/// How long to wait before starting a stopped service again. A service that fails on its own before it ever turns
/// healthy (bad settings, a database that refuses it, a crash at start) is in a crash loop: each such stop doubles the
/// pause (0.5 s up to 30 s) so it does not spin. One that was healthy, or that was killed from outside (SIGKILL: an OOM
/// kill, a host's kill; SIGTERM), has not failed to start: it comes back after the shortest pause however often that
/// happens, because while it is down Meta's webhooks are refused and customers wait.
/// </summary>
internal readonly record struct RestartPause(int FailedStarts, DateTime LastStop)
{
    internal static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(500);
    internal static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);
    // Failed starts further apart than this are not one loop.
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(1);

    /// <summary>The state after a stop at <paramref name="now"/>, and the pause before the next start.</summary>
    /// <param name="wasHealthy">The life that ended had turned healthy.</param>
    /// <param name="exitCode">Its exit code: 128 + n is signal n on Unix (an unhandled .NET exception aborts: 134).</param>
    internal (RestartPause Next, TimeSpan Pause) AfterStop(DateTime now, bool wasHealthy, int? exitCode)
    {
        var failedStart = !wasHealthy && !KilledFromOutside(exitCode);
        var failedStarts = !failedStart ? 0 : now - LastStop > Forget ? 1 : FailedStarts + 1;
        var pause = failedStarts == 0 ? Shortest
            : TimeSpan.FromMilliseconds(Math.Min(Longest.TotalMilliseconds, Shortest.TotalMilliseconds * Math.Pow(2, failedStarts - 1)));
        return (new RestartPause(failedStarts, now), pause);
    }

    private static bool KilledFromOutside(int? exitCode) => exitCode is 128 + 9 or 128 + 15;
}
