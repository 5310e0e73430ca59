using System.Globalization;
using AiSales.Core.Messaging;
using Npgsql;
using NpgsqlTypes;

namespace AiSales.Dashboard.Operations;

/// <summary>
/// The raw webhook archive for operators: list stored deliveries (newest arrival first, keyset paged) and replay one
/// (re-enqueue it). Used by the ops API and the Operations page alike.
/// </summary>
public sealed class DeliveryArchive(NpgsqlDataSource db, PostgresOutbox outbox, ILogger<DeliveryArchive> logger)
{
    public const int MaxLimit = 500;

    /// <summary>
    /// Newest arrival first: <c>received_at DESC, id DESC</c>. Not <c>id</c> alone, because each ingest committer reserves
    /// ids in blocks (DeliveryCommitter), so a higher id does not mean a later arrival. <paramref name="before"/> is the
    /// <c>cursor</c> of the last delivery of the previous page (keyset paging): the page continues after that delivery's
    /// place in this order, whether or not retention has deleted it since. A bare delivery id (the cursor's earlier form)
    /// is still accepted while that delivery exists. Null when <paramref name="before"/> names no place to continue from.
    /// </summary>
    public async Task<IReadOnlyList<DeliverySummary>?> ListAsync(string? platform, string? status, string? before, int limit,
        CancellationToken ct = default)
    {
        DeliveryCursor? after = null;
        if (before is not null && (after = await ReadCursorAsync(before, ct)) is null) return null;
        limit = Math.Clamp(limit, 1, MaxLimit);

        // The `$n IS NULL OR` guards stay: Postgres plans this statement per call with the values, which folds them away,
        // and does the same for a text without them (custom plans for both, seen in pg_prepared_statements).
        // The cursor as `received_at <= c AND (received_at < c OR id < c.id)` rather than a row comparison, so the
        // received_at index (ix_webhook_deliveries_received_at) bounds the scan; ties on received_at (one batch) go by id.
        await using var cmd = db.CreateCommand("""
            SELECT id, platform, object, received_at, status, event_count, error, octet_length(body)
            FROM webhook_deliveries
            WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR status = $2)
              AND ($3::timestamptz IS NULL OR (received_at <= $3 AND (received_at < $3 OR id < $4)))
            ORDER BY received_at DESC, id DESC LIMIT $5
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)platform ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.ReceivedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<DeliverySummary>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new DeliverySummary(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7)));
        return list;
    }

    /// <summary>
    /// The place <paramref name="before"/> names. The earlier form, a bare id, carries no place: it is looked up, so it
    /// only works while that delivery exists. Null when there is no place to continue from.
    /// </summary>
    private async Task<DeliveryCursor?> ReadCursorAsync(string before, CancellationToken ct)
    {
        if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return DeliveryCursor.TryDecode(before, out var cursor) ? cursor : null;
        await using var cmd = db.CreateCommand("SELECT received_at FROM webhook_deliveries WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        return await cmd.ExecuteScalarAsync(ct) is DateTime at ? new DeliveryCursor(new DateTimeOffset(at), id) : null;
    }

    /// <summary>
    /// Marks the delivery received again and sends <see cref="ProcessWebhookDelivery"/> through Wolverine's outbox
    /// (<see cref="PostgresOutbox"/>) in the same transaction: the message exists exactly when the status change does,
    /// and goes to its queue after the commit. False when there is no such delivery.
    /// </summary>
    public async Task<bool> ReplayAsync(long id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var mark = new NpgsqlCommand(
            "UPDATE webhook_deliveries SET status = 'received', error = NULL WHERE id = $1", conn, tx))
        {
            mark.Parameters.Add(new NpgsqlParameter { Value = id });
            if (await mark.ExecuteNonQueryAsync(ct) == 0) return false;
        }
        var messages = await outbox.StoreAsync(tx, [new ProcessWebhookDelivery(id)], null, ct);
        await tx.CommitAsync(ct);
        await messages.SentAsync();
        logger.LogInformation("Delivery {DeliveryId} replayed by an operator", id);
        return true;
    }
}
