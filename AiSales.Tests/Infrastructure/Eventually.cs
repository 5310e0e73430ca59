using System.Diagnostics;

namespace AiSales.Tests.Infrastructure;

/// <summary>
/// The one way a test waits for work another thread, host or process does: poll a condition until it holds, or fail
/// naming what was awaited. A condition, never a fixed sleep: a sleep is too short on a busy machine and too long on an
/// idle one. The default timeout is generous because CI is a shared 2-core box; a passing wait costs only its poll.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="condition"/> until it holds; <see cref="Timeout.InfiniteTimeSpan"/> leaves the limit to <paramref name="ct"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var limit = timeout ?? DefaultTimeout;
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (limit != Timeout.InfiniteTimeSpan && elapsed.Elapsed > limit)
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for: {what}");
            await Task.Delay(PollInterval, ct);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, CancellationToken ct = default) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout, ct);
}
