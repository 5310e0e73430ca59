using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Wolverine.Postgresql;

namespace Wolverine.Runtime;

/// <summary>Shared state of one host: options, handlers, storage, node identity, tracking.</summary>
internal sealed class WolverineRuntime(
    WolverineOptions options, HandlerGraph handlers, MessageTracker tracker, WolverineInstrumentation instrumentation,
    IServiceProvider services, ILogger<WolverineRuntime> logger) : IAsyncDisposable
{
    public WolverineOptions Options { get; } = options;
    public HandlerGraph Handlers { get; } = handlers;
    public MessageTracker Tracker { get; } = tracker;
    public WolverineInstrumentation Instrumentation { get; } = instrumentation;
    public ILogger Logger { get; } = logger;
    public Guid NodeId { get; } = Guid.CreateVersion7();

    private JobStore? _store;

    public JobStore Store => _store ??= Options.Persistence is { } p
        ? new JobStore(p.DataSourceFactory(services), p.Schema)
        : throw new InvalidOperationException("Durable messaging needs opts.PersistMessagesWithPostgresql(...).");

    public bool HasPersistence => Options.Persistence is not null;

    public async ValueTask DisposeAsync()
    {
        if (_store is not null && Options.Persistence is { OwnsDataSource: true }) await _store.DataSource.DisposeAsync();
    }

    /// <summary>
    /// Turns messages into rows. A message with several local handlers becomes one row per handler so
    /// each retries independently; otherwise one row whose handler the consuming node resolves (the
    /// sender may not host the handlers at all, e.g. the webhook ingest).
    /// </summary>
    public List<OutgoingJob> CreateJobs(IEnumerable<object> messages, DeliveryOptions? options, Envelope? parent, bool requireSingleHandler)
    {
        var jobs = new List<OutgoingJob>();
        foreach (var raw in messages)
        {
            var (message, delivery) = raw is ScheduledCascade sc ? (sc.Message, sc.Options) : (raw, options);
            var type = message.GetType();
            var local = Handlers.HandlersFor(type);
            if (requireSingleHandler && local.Count == 0) throw new NoHandlerForEndpointException(type);
            if (requireSingleHandler && local.Count > 1) throw new MultipleHandlersException(type, local.Count);

            var settings = Options.SettingsFor(type);
            var headers = BuildHeaders(delivery, parent);
            var body = JsonSerializer.Serialize(message, type, Options.JsonSerializerOptions);
            var headersJson = JsonSerializer.Serialize(headers);
            var priority = delivery?.Priority ?? settings.PriorityValue;
            var delay = delivery?.DelayFrom(DateTimeOffset.UtcNow) ?? TimeSpan.Zero;
            var max = settings.MaximumAttemptsValue ?? Options.Durability.DefaultMaximumAttempts;
            var targets = local.Count > 1 ? local.Select(h => (string?)h.HandlerName).ToList() : [null];
            foreach (var handler in targets)
            {
                var id = Guid.CreateVersion7();
                var key = delivery?.DeduplicationId is { } k ? (handler is null ? k : $"{k}|{handler}") : null;
                var envelope = new Envelope
                {
                    Id = id, Message = message, MessageType = HandlerGraph.NameFor(type), Handler = handler,
                    Priority = priority, MaxAttempts = max, Headers = new(headers, StringComparer.OrdinalIgnoreCase),
                };
                jobs.Add(new OutgoingJob(id, envelope.MessageType, handler, body, headersJson, priority, delay, max, key, envelope));
            }
        }
        return jobs;
    }

    public void RecordSent(IEnumerable<OutgoingJob> jobs)
    {
        foreach (var job in jobs)
            Tracker.Record(job.Delay > TimeSpan.Zero ? MessageEventType.Scheduled : MessageEventType.Sent, job.Envelope);
    }

    internal static Dictionary<string, string?> BuildHeaders(DeliveryOptions? delivery, Envelope? parent)
    {
        var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (delivery is not null)
            foreach (var (k, v) in delivery.Headers) headers[k] = v;
        headers[Envelope.CorrelationIdHeader] = parent?.CorrelationId ?? headers.GetValueOrDefault(Envelope.CorrelationIdHeader) ?? Guid.NewGuid().ToString("N");
        if ((parent?.Headers.GetValueOrDefault(Envelope.TrackingSessionHeader) ?? MessageTracker.CurrentSession.Value) is { } session)
            headers[Envelope.TrackingSessionHeader] = session;
        if (Activity.Current is { } activity)
        {
            headers[Envelope.TraceParentHeader] = activity.Id;
            if (activity.TraceStateString is { } state) headers[Envelope.TraceStateHeader] = state;
        }
        return headers;
    }
}
