using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Wolverine.Runtime;

/// <summary>ActivitySource and Meter named "Wolverine" (add both to OpenTelemetry).</summary>
public sealed class WolverineInstrumentation : IDisposable
{
    public const string Name = "Wolverine";
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private long _queueDepth;

    public WolverineInstrumentation(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        Processed = _meter.CreateCounter<long>("wolverine.messages.processed", "{message}", "Messages handled successfully");
        Failed = _meter.CreateCounter<long>("wolverine.messages.failed", "{message}", "Handler executions that threw");
        DeadLettered = _meter.CreateCounter<long>("wolverine.messages.dead_lettered", "{message}", "Messages moved to the dead-letter table");
        Duration = _meter.CreateHistogram<double>("wolverine.handler.duration", "ms", "Handler execution time");
        // Refreshed by the listener's heartbeat so a metrics scrape never queries the database.
        _meter.CreateObservableGauge("wolverine.queue.depth", () => Interlocked.Read(ref _queueDepth), "{message}", "Waiting jobs (all types)");
    }

    public Counter<long> Processed { get; }
    public Counter<long> Failed { get; }
    public Counter<long> DeadLettered { get; }
    public Histogram<double> Duration { get; }

    internal void SetQueueDepth(long depth) => Interlocked.Exchange(ref _queueDepth, depth);

    public void Dispose() => _meter.Dispose();
}
