using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Hosting;

internal static class ProcessAssert
{
    /// <summary>Polls (up to 20 s) until none of the pids is a live process; fails naming the survivors.</summary>
    public static async Task AllGoneAsync(IEnumerable<int> pids)
    {
        var list = pids.ToList();
        await Eventually.UntilAsync(() => !list.Any(ProcessState.IsAlive),
            $"processes {string.Join(", ", list)} to end", TimeSpan.FromSeconds(20));
    }
}
