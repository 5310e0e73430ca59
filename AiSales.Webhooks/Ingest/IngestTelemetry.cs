using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiSales.Webhooks.Ingest;

/// <summary>Counters by platform and outcome, ingest latency, and batch sizes (meter "AiSales.Webhooks").</summary>
public sealed class IngestTelemetry : IDisposable
{
    public const string MeterName = "AiSales.Webhooks";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _latency;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _failedBatches;

    public IngestTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("aisales.webhooks.requests", "{request}", "Webhook POSTs by platform and outcome (the ingest rate).");
        _latency = _meter.CreateHistogram<double>("aisales.webhooks.ingest.duration", unit: "ms",
            description: "Time from request start to answer.");
        _batchSize = _meter.CreateHistogram<int>("aisales.webhooks.batch.size", "{delivery}", "Deliveries per group commit.");
        _commitDuration = _meter.CreateHistogram<double>("aisales.webhooks.batch.duration", unit: "ms",
            description: "Time to commit one batch.");
        _failedBatches = _meter.CreateCounter<long>("aisales.webhooks.batch.failures", "{batch}", "Batches that failed to commit.");
    }

    public void Request(string platform, string outcome, long startTimestamp)
    {
        var tags = new TagList { { "platform", platform }, { "outcome", outcome } };
        _requests.Add(1, tags);
        _latency.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tags);
    }

    public void BatchCommitted(int size, TimeSpan duration)
    {
        _batchSize.Record(size);
        _commitDuration.Record(duration.TotalMilliseconds);
    }

    public void BatchFailed(int size) => _failedBatches.Add(1, new TagList { { "size", size } });

    public void Dispose() => _meter.Dispose();
}
