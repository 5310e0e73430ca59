using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Hosting;

internal static class ProcessAssert
{
    /// <summary>Polls (up to 20 s) until none of the pids is a live process; fails naming the survivors.</summary>
    public static async Task AllGoneAsync(IEnumerable<int> pids)
    {
        var list = pids.ToList();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (list.Any(ProcessState.IsAlive) && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.DoesNotContain(list, ProcessState.IsAlive);
    }
}
