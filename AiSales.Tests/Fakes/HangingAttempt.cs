using System.Diagnostics;
using Xunit;

namespace AiSales.Tests.Fakes;

/// <summary>
/// A fake that hangs far longer than any client timeout: a call that returns well before the hang ends proves the timeout
/// cut the attempt. A wall-clock bound near the timeout itself would measure the machine's load, not the client.
/// </summary>
public static class HangingAttempt
{
    public static readonly TimeSpan Hang = TimeSpan.FromMinutes(5);

    public static FakeFault Fault => FakeFault.HangFor(Hang);

    public static void AssertCutShort(long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.True(elapsed < Hang / 5, $"took {elapsed.TotalSeconds:0.0} s: the hanging attempt was waited out, not timed out");
    }
}
