using AiSales.Core.Messaging;
using Npgsql;

namespace AiSales.Worker.Inbound;

/// <summary>
/// Splits a group commit's deliveries into one <see cref="ProcessWebhookDelivery"/> each, stored in this Worker's durable
/// local inbound queue in one transaction (one multi-row inbox write, however many deliveries). From there each delivery
/// runs, retries and dead-letters on its own, as if Webhooks had queued it alone; if this Worker dies, another Worker's
/// durability agent recovers the stored ones. A failure before the commit stores none, and Wolverine retries the batch.
/// </summary>
public sealed class ProcessWebhookDeliveryBatchHandler(NpgsqlDataSource dataSource, PostgresOutbox outbox)
{
    public async Task Handle(ProcessWebhookDeliveryBatch batch, CancellationToken ct)
    {
        if (batch.DeliveryIds.Length == 0) return;
        OutboxMessages stored;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            stored = await outbox.StoreAsync(tx, [.. batch.DeliveryIds.Select(id => (object)new ProcessWebhookDelivery(id))], null, ct);
            await tx.CommitAsync(ct);
        }
        await stored.SentAsync();
    }
}
