using Wolverine;
using Wolverine.Persistence.Durability;

namespace AiSales.Core.Messaging;

/// <summary>
/// Holds the envelopes a <see cref="Wolverine.Runtime.MessageContext"/> persists while it routes messages, then writes
/// them through Wolverine's own database transaction in one call (<see cref="OutboxMessages.StoreAsync"/>).
/// </summary>
internal sealed class CollectingEnvelopeTransaction : IEnvelopeTransaction
{
    private readonly List<Envelope> _outgoing = [];
    private readonly List<Envelope> _incoming = [];

    public Task PersistOutgoingAsync(Envelope envelope)
    {
        _outgoing.Add(envelope);
        return Task.CompletedTask;
    }

    public Task PersistOutgoingAsync(Envelope[] envelopes)
    {
        _outgoing.AddRange(envelopes);
        return Task.CompletedTask;
    }

    public Task PersistIncomingAsync(Envelope envelope)
    {
        _incoming.Add(envelope);
        return Task.CompletedTask;
    }

    public Task<bool> TryMakeEagerIdempotencyCheckAsync(Envelope envelope, DurabilitySettings settings, CancellationToken cancellation) =>
        Task.FromResult(true);

    public ValueTask RollbackAsync() => ValueTask.CompletedTask;

    public async Task WriteAsync(IEnvelopeTransaction target)
    {
        if (_outgoing.Count > 0) await target.PersistOutgoingAsync(_outgoing.ToArray());
        foreach (var envelope in _incoming) await target.PersistIncomingAsync(envelope);
    }
}
