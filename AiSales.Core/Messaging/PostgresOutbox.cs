using Npgsql;
using Wolverine;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace AiSales.Core.Messaging;

/// <summary>
/// Wolverine's transactional outbox over our own Npgsql transactions: messages added to an <see cref="OutboxMessages"/>
/// are stored by Wolverine in the caller's transaction (so they exist only if the rows they are about commit) and sent
/// to their queue once it has committed. If the process dies between the commit and the send, Wolverine's durability
/// agent sends them later.
/// </summary>
public sealed class PostgresOutbox(IWolverineRuntime runtime)
{
    public OutboxMessages Begin() => new(runtime);

    /// <summary>Sends <paramref name="messages"/> in <paramref name="transaction"/>; the caller commits, then calls
    /// <see cref="OutboxMessages.SentAsync"/>.</summary>
    public async Task<OutboxMessages> StoreAsync(NpgsqlTransaction transaction, IReadOnlyList<object> messages,
        DeliveryOptions? options = null, CancellationToken ct = default)
    {
        var outbox = Begin();
        foreach (var message in messages) outbox.Add(message, options);
        await outbox.StoreAsync(transaction, ct);
        return outbox;
    }
}

/// <summary>
/// One transaction's outgoing messages. Add them while building the transaction, <see cref="StoreAsync"/> just before
/// the commit (one round trip for all of them), <see cref="SentAsync"/> after it.
/// </summary>
public sealed class OutboxMessages(IWolverineRuntime runtime)
{
    private readonly List<(object Message, DeliveryOptions? Options)> _pending = [];
    private MessageContext? _context;

    public int Count => _pending.Count;

    public void Add(object message, DeliveryOptions? options = null) => _pending.Add((message, options));

    /// <summary>Routes the messages and writes their envelopes in <paramref name="transaction"/>.</summary>
    public async Task StoreAsync(NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        if (_context is not null) throw new InvalidOperationException("These messages were already stored.");
        ct.ThrowIfCancellationRequested();
        var database = runtime.Storage as IMessageDatabase
            ?? throw new InvalidOperationException("Wolverine's message store is not a database (PersistMessagesWithPostgresql missing).");
        var context = new MessageContext(runtime);
        // Wolverine writes each SendAsync's envelope as it routes it; collecting them first makes one multi-row write.
        var collected = new CollectingEnvelopeTransaction();
        await context.EnlistInOutboxAsync(collected);
        foreach (var (message, options) in _pending) await context.SendAsync(message, options);
        await collected.WriteAsync(database, transaction);
        _context = context;
    }

    /// <summary>After the commit: hands the stored envelopes to their senders.</summary>
    public Task SentAsync() => _context?.FlushOutgoingMessagesAsync() ?? Task.CompletedTask;
}
