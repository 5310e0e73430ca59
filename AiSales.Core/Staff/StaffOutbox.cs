using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using Npgsql;

namespace AiSales.Core.Staff;

/// <summary>
/// Queues a message to a team member's WhatsApp: the outbound staff_messages row (pending) and its
/// <see cref="SendStaffMessage"/> job commit together, so a queued answer, code or alert is never lost.
/// </summary>
public sealed class StaffOutbox(NpgsqlDataSource dataSource, PostgresOutbox outbox)
{
    /// <returns>The new staff message id.</returns>
    public async Task<Guid> QueueAsync(Guid merchantId, Guid staffPhoneId, string text, string? intent, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var messages = outbox.Begin();
        var id = await AddAsync(conn, tx, messages, merchantId, staffPhoneId, text, intent, ct);
        await messages.StoreAsync(tx, ct);
        await tx.CommitAsync(ct);
        await messages.SentAsync();
        return id;
    }

    /// <summary>Inserts the row in the caller's transaction and adds its job to <paramref name="messages"/>.</summary>
    public static async Task<Guid> AddAsync(NpgsqlConnection conn, NpgsqlTransaction tx, OutboxMessages messages,
        Guid merchantId, Guid staffPhoneId, string text, string? intent, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var id = Guid.CreateVersion7();
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(PositionalSql.Command("""
            INSERT INTO staff_messages (id, merchant_id, staff_phone_id, direction, text, status, intent)
            VALUES ($1, $2, $3, 'outbound', $4, 'pending', $5)
            """, id, merchantId, staffPhoneId, text, intent));
        await batch.ExecuteNonQueryAsync(ct);
        messages.Add(new SendStaffMessage(id));
        return id;
    }
}
