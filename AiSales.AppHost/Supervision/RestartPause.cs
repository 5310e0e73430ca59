namespace AiSales.AppHost.Supervision;

/// <summary>
/// How long to wait before starting a stopped service again. A service that dies before it ever turns healthy is
/// failing at start: each such stop doubles the pause (0.5 s up to 30 s) so it does not spin. One that was healthy and
/// was then killed (an OOM kill, a host's SIGKILL, a server restarted from outside) is not in a crash loop: it starts
/// again after the shortest pause, however often that happens, because every second it stays down Meta's webhooks are
/// refused and customers wait.
/// </summary>
internal readonly record struct RestartPause(int FailedStarts, DateTime LastStop)
{
    internal static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(500);
    internal static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);
    // Failed starts further apart than this are not one loop.
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(1);

    /// <summary>The state after a stop at <paramref name="now"/>, and the pause before the next start.</summary>
    internal (RestartPause Next, TimeSpan Pause) AfterStop(DateTime now, bool wasHealthy)
    {
        var failedStarts = wasHealthy || now - LastStop > Forget ? 0 : FailedStarts + 1;
        var pause = TimeSpan.FromMilliseconds(Math.Min(Longest.TotalMilliseconds, Shortest.TotalMilliseconds * Math.Pow(2, failedStarts)));
        return (new RestartPause(failedStarts, now), pause);
    }
}
