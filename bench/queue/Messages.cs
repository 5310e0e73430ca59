using System.Diagnostics;

namespace AiSales.Bench.Queue;

/// <summary>A message that does nothing but carry its enqueue time (Stopwatch ticks; publisher and listener share the process).</summary>
public sealed record NoOp(int Number, long EnqueuedAt);

/// <summary>The listener's handler: records enqueue → handler latency per message number, counts duplicates.</summary>
public static class NoOpHandler
{
    public static void Handle(NoOp message) => Probe.Record(message);
}

/// <summary>What the handler reports back to the benchmark (static: the handler is a static method Wolverine generates code for).</summary>
public static class Probe
{
    private static double[] _latencyMs = [];
    private static int[] _seen = [];
    private static int _handled, _duplicates, _outOfRange;
    private static long _lastHandledAt;

    public static int Handled => Volatile.Read(ref _handled);
    public static int Duplicates => Volatile.Read(ref _duplicates);
    public static int OutOfRange => Volatile.Read(ref _outOfRange);
    public static long LastHandledAt => Interlocked.Read(ref _lastHandledAt);

    /// <summary>A new run expecting message numbers 0..<paramref name="count"/>-1.</summary>
    public static void Reset(int count)
    {
        _latencyMs = new double[count];
        _seen = new int[count];
        Volatile.Write(ref _handled, 0);
        Volatile.Write(ref _duplicates, 0);
        Volatile.Write(ref _outOfRange, 0);
        Interlocked.Exchange(ref _lastHandledAt, 0);
    }

    public static void Record(NoOp m)
    {
        var now = Stopwatch.GetTimestamp();
        var seen = _seen;
        if ((uint)m.Number >= (uint)seen.Length) { Interlocked.Increment(ref _outOfRange); return; } // a previous run's straggler
        if (Interlocked.Exchange(ref seen[m.Number], 1) == 1) { Interlocked.Increment(ref _duplicates); return; }
        _latencyMs[m.Number] = (now - m.EnqueuedAt) * 1000.0 / Stopwatch.Frequency;
        Interlocked.Exchange(ref _lastHandledAt, now);
        Interlocked.Increment(ref _handled);
    }

    public static IEnumerable<(int Number, double Ms)> LatenciesByNumber()
    {
        for (var i = 0; i < _seen.Length; i++) if (Volatile.Read(ref _seen[i]) == 1) yield return (i, _latencyMs[i]);
    }

    /// <summary>Latencies of the messages handled so far, sorted.</summary>
    public static double[] SortedLatencies()
    {
        var list = new List<double>(Handled);
        for (var i = 0; i < _seen.Length; i++) if (Volatile.Read(ref _seen[i]) == 1) list.Add(_latencyMs[i]);
        list.Sort();
        return [.. list];
    }
}
