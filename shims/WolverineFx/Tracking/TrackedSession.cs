using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine.Runtime;

namespace Wolverine.Tracking;

public sealed record EnvelopeRecord(MessageEventType EventType, Envelope Envelope, Exception? Exception, DateTimeOffset At)
{
    public object? Message => Envelope.Message;
}

/// <summary>Records of one event type.</summary>
public sealed class RecordCollection(IEnumerable<EnvelopeRecord> records)
{
    private readonly List<EnvelopeRecord> _records = [.. records];

    public IReadOnlyList<EnvelopeRecord> Records => _records;
    public IEnumerable<Envelope> Envelopes() => _records.Select(r => r.Envelope);
    public IEnumerable<T> MessagesOf<T>() => _records.Select(r => r.Message).OfType<T>();
    public IEnumerable<object> AllMessages() => _records.Select(r => r.Message).OfType<object>();

    public T SingleMessage<T>()
    {
        var matches = MessagesOf<T>().ToList();
        return matches.Count == 1 ? matches[0]
            : throw new InvalidOperationException($"Expected exactly one {typeof(T).Name}, found {matches.Count}.");
    }
}

public interface ITrackedSession
{
    IReadOnlyList<EnvelopeRecord> AllRecords { get; }
    RecordCollection Sent { get; }
    RecordCollection Executed { get; }
    RecordCollection MessageSucceeded { get; }
    RecordCollection MessageFailed { get; }
    RecordCollection MovedToErrorQueue { get; }
    RecordCollection Scheduled { get; }
    IReadOnlyList<Exception> Exceptions { get; }
}

/// <summary>
/// Waits until every message sent inside the session (and everything they cascade, followed by a header
/// propagated to cascades) has succeeded, been dead-lettered or discarded. Future-scheduled messages
/// are recorded but not waited for (as in Wolverine).
/// </summary>
public sealed class TrackedSession : ITrackedSession
{
    private readonly IHost _host;
    private readonly List<IHost> _hosts;
    private readonly string _id = Guid.NewGuid().ToString("N");
    private readonly ConcurrentQueue<EnvelopeRecord> _records = new();
    private readonly HashSet<Guid> _pending = [];
    private readonly HashSet<Guid> _finished = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _timeout = TimeSpan.FromSeconds(5);
    private bool _assertOnExceptions = true;

    internal TrackedSession(IHost host)
    {
        _host = host;
        _hosts = [host];
    }

    public TrackedSession Timeout(TimeSpan timeout) { _timeout = timeout; return this; }
    public TrackedSession DoNotAssertOnExceptionsDetected() { _assertOnExceptions = false; return this; }

    /// <summary>Also listen to another host consuming the same queue.</summary>
    public TrackedSession AlsoTrack(IHost host) { _hosts.Add(host); return this; }

    public IReadOnlyList<EnvelopeRecord> AllRecords => [.. _records];
    public RecordCollection Sent => Of(MessageEventType.Sent);
    public RecordCollection Executed => Of(MessageEventType.MessageSucceeded);
    public RecordCollection MessageSucceeded => Of(MessageEventType.MessageSucceeded);
    public RecordCollection MessageFailed => Of(MessageEventType.MessageFailed);
    public RecordCollection MovedToErrorQueue => Of(MessageEventType.MovedToErrorQueue);
    public RecordCollection Scheduled => Of(MessageEventType.Scheduled);
    public IReadOnlyList<Exception> Exceptions => [.. _records.Where(r => r.EventType == MessageEventType.MessageFailed && r.Exception is not null).Select(r => r.Exception!)];

    public Task<ITrackedSession> InvokeMessageAndWaitAsync(object message) =>
        ExecuteAndWaitAsync(bus => bus.InvokeAsync(message));

    public Task<ITrackedSession> PublishMessageAndWaitAsync(object message) =>
        ExecuteAndWaitAsync(bus => bus.PublishAsync(message).AsTask());

    public Task<ITrackedSession> SendMessageAndWaitAsync(object message) =>
        ExecuteAndWaitAsync(bus => bus.SendAsync(message).AsTask());

    public async Task<ITrackedSession> ExecuteAndWaitAsync(Func<IMessageContext, Task> action)
    {
        var registrations = _hosts.Select(h => h.Services.GetRequiredService<MessageTracker>().Register(_id, Record)).ToList();
        try
        {
            using var timeout = new CancellationTokenSource(_timeout);
            await using (var scope = _host.Services.CreateAsyncScope())
            {
                var previous = MessageTracker.CurrentSession.Value;
                MessageTracker.CurrentSession.Value = _id;
                try { await action(scope.ServiceProvider.GetRequiredService<IMessageContext>()); }
                finally { MessageTracker.CurrentSession.Value = previous; }
            }
            while (true)
            {
                Task idle;
                lock (_gate)
                {
                    if (_pending.Count == 0) break;
                    idle = _idle.Task;
                }
                try { await idle.WaitAsync(timeout.Token); }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"Tracked session timed out after {_timeout} with {_pending.Count} message(s) unfinished. Events:\n" +
                        string.Join("\n", _records.Select(r => $"  {r.At:HH:mm:ss.fff} {r.EventType} {r.Envelope.MessageType} {r.Envelope.Id} {r.Exception?.Message}")));
                }
            }
        }
        finally
        {
            foreach (var r in registrations) r.Dispose();
        }
        if (_assertOnExceptions && Exceptions.Count > 0)
            throw new AggregateException("Message handlers threw during the tracked session.", Exceptions);
        return this;
    }

    private RecordCollection Of(MessageEventType type) => new(_records.Where(r => r.EventType == type));

    private void Record(MessageEventType type, Envelope envelope, Exception? ex)
    {
        _records.Enqueue(new EnvelopeRecord(type, envelope, ex, DateTimeOffset.UtcNow));
        lock (_gate)
        {
            switch (type)
            {
                case MessageEventType.Sent when !_finished.Contains(envelope.Id):
                    _pending.Add(envelope.Id);
                    break;
                case MessageEventType.MessageSucceeded or MessageEventType.MovedToErrorQueue or MessageEventType.Discarded:
                    _finished.Add(envelope.Id);
                    _pending.Remove(envelope.Id);
                    break;
            }
            if (_pending.Count == 0)
            {
                _idle.TrySetResult();
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}

public static class WolverineTrackingExtensions
{
    public static TrackedSession TrackActivity(this IHost host) => new(host);

    public static TrackedSession TrackActivity(this IHost host, TimeSpan timeout) => new TrackedSession(host).Timeout(timeout);

    public static Task<ITrackedSession> InvokeMessageAndWaitAsync(this IHost host, object message, TimeSpan? timeout = null) =>
        new TrackedSession(host).Timeout(timeout ?? TimeSpan.FromSeconds(5)).InvokeMessageAndWaitAsync(message);

    public static Task<ITrackedSession> PublishMessageAndWaitAsync(this IHost host, object message, TimeSpan? timeout = null) =>
        new TrackedSession(host).Timeout(timeout ?? TimeSpan.FromSeconds(5)).PublishMessageAndWaitAsync(message);

    public static Task<ITrackedSession> ExecuteAndWaitAsync(this IHost host, Func<IMessageContext, Task> action, TimeSpan? timeout = null) =>
        new TrackedSession(host).Timeout(timeout ?? TimeSpan.FromSeconds(5)).ExecuteAndWaitAsync(action);
}
