namespace AiSales.Bench.Queue;

/// <summary>A job that does nothing: measures the queue, not the handler.</summary>
public sealed record NoOp(int Number);

/// <summary>Carries its enqueue timestamp (Stopwatch ticks, same process) for enqueue-to-start latency.</summary>
public sealed record Stamped(int Number, long EnqueuedAt);

/// <summary>What the handlers report back to the benchmark.</summary>
public sealed class BenchProbe
{
    private int _handled;
    public int Handled => Volatile.Read(ref _handled);
    public TaskCompletionSource<long>? Started;

    public void Count() => Interlocked.Increment(ref _handled);
    public void Reset() => Volatile.Write(ref _handled, 0);
}

public class NoOpHandler(BenchProbe probe)
{
    public void Handle(NoOp _) => probe.Count();
}

public class StampedHandler(BenchProbe probe)
{
    public void Handle(Stamped m) => probe.Started?.TrySetResult(System.Diagnostics.Stopwatch.GetTimestamp() - m.EnqueuedAt);
}
