using System.Diagnostics;
using System.Diagnostics.Metrics;
using AiSales.Core.Channels;
using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;

namespace AiSales.Worker.Inbound;

/// <summary>Traces and metrics of the Worker ("AiSales.Worker", picked up by ServiceDefaults' AiSales.* wildcard).</summary>
public sealed class PipelineTelemetry : IDisposable
{
    public const string Name = "AiSales.Worker";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _events;
    private readonly Histogram<double> _eventDuration;
    private readonly Histogram<double> _deliveryDuration;

    public PipelineTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _events = _meter.CreateCounter<long>("aisales.worker.events", "{event}", "Inbound events processed, by platform, kind and outcome");
        _eventDuration = _meter.CreateHistogram<double>("aisales.worker.event.duration", "ms", "Time to process one inbound event (its transaction included)");
        _deliveryDuration = _meter.CreateHistogram<double>("aisales.worker.delivery.duration", "ms", "Time to process one webhook delivery");
    }

    public void EventProcessed(InboundEvent evt, EventOutcome outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "platform", evt.Platform.ToName() },
            { "kind", evt.Kind.ToString().ToLowerInvariant() },
            { "outcome", outcome.ToName() },
        };
        _events.Add(1, tags);
        _eventDuration.Record(elapsed.TotalMilliseconds, tags);
    }

    public void DeliveryProcessed(string platform, bool succeeded, TimeSpan elapsed) =>
        _deliveryDuration.Record(elapsed.TotalMilliseconds, new TagList { { "platform", platform }, { "succeeded", succeeded } });

    public void Dispose() => _meter.Dispose();
}
