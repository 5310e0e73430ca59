using System.Collections.Concurrent;

namespace Wolverine.Runtime;

public enum MessageEventType { Sent, Scheduled, ExecutionStarted, MessageSucceeded, MessageFailed, MovedToErrorQueue, Discarded, Requeued }

/// <summary>
/// Forwards message events to tracked test sessions (Wolverine.Tracking). Costs one header lookup per
/// event when no session is listening; the session id travels in a header so cascades are tracked too.
/// </summary>
internal sealed class MessageTracker
{
    private readonly ConcurrentDictionary<string, Action<MessageEventType, Envelope, Exception?>> _sessions = new();

    public IDisposable Register(string sessionId, Action<MessageEventType, Envelope, Exception?> sink)
    {
        _sessions[sessionId] = sink;
        return new Unregister(() => _sessions.TryRemove(sessionId, out _));
    }

    public void Record(MessageEventType type, Envelope envelope, Exception? ex = null)
    {
        if (_sessions.IsEmpty) return;
        if (envelope.Headers.GetValueOrDefault(Envelope.TrackingSessionHeader) is { } id && _sessions.TryGetValue(id, out var sink))
            sink(type, envelope, ex);
    }

    /// <summary>Set while a tracked session runs its action, so root sends carry the session header.</summary>
    public static readonly AsyncLocal<string?> CurrentSession = new();

    private sealed class Unregister(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
