using System.Data.Common;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.RDBMS;

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

    /// <summary>Writes the collected envelopes in <paramref name="transaction"/>: one multi-row insert for the outbox
    /// (messages to another service's queue) and one for the inbox (messages to this process's durable local queues, and
    /// scheduled ones), however many messages there are.</summary>
    public async Task WriteAsync(IMessageDatabase database, DbTransaction transaction)
    {
        if (_outgoing.Count > 0) await database.StoreOutgoingAsync(transaction, _outgoing.ToArray());
        if (_incoming.Count > 0) await database.StoreIncomingAsync(transaction, _incoming.ToArray());
    }
}
