using Npgsql;

namespace AiSales.Core.Operations;

public sealed record UnroutableEvent(Guid Id, string Platform, string RecipientExternalId, string EventKind, long? DeliveryId,
    string Payload, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);

public sealed record DeliveryCounts(long LastFiveMinutes, long LastHour, long Unprocessed);

/// <summary>
/// The ops queries over the app's own tables (deliveries, unroutable events). Short, indexed, bounded
/// statements; each one has a command timeout so an ops page never hangs on a sick database.
/// </summary>
public sealed class OperationsStore(NpgsqlDataSource db)
{
    private const int TimeoutSeconds = 10;

    public async Task<DeliveryCounts> CountDeliveriesAsync(CancellationToken ct = default)
    {
        await using var cmd = Command("""
            SELECT count(*) FILTER (WHERE received_at > now() - interval '5 minutes'),
                   count(*),
                   (SELECT count(*) FROM webhook_deliveries WHERE status <> 'processed')
            FROM webhook_deliveries WHERE received_at > now() - interval '1 hour'
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new DeliveryCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }

    public async Task<long> CountOpenUnroutableAsync(CancellationToken ct = default)
    {
        await using var cmd = Command("SELECT count(*) FROM unroutable_events WHERE resolved_at IS NULL");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<UnroutableEvent>> ListUnroutableAsync(int limit, bool includeResolved, CancellationToken ct = default)
    {
        await using var cmd = Command("""
            SELECT id, platform, recipient_external_id, event_kind, delivery_id, payload::text, created_at, resolved_at
            FROM unroutable_events WHERE ($2 OR resolved_at IS NULL)
            ORDER BY created_at DESC LIMIT $1
            """, Math.Clamp(limit, 1, 500), includeResolved);
        var list = new List<UnroutableEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new UnroutableEvent(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4),
                r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7)));
        return list;
    }

    /// <summary>Marks an event handled. False when it does not exist; already-resolved stays resolved (idempotent).</summary>
    public async Task<bool> ResolveUnroutableAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = Command("UPDATE unroutable_events SET resolved_at = coalesce(resolved_at, now()) WHERE id = $1", id);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Deletes processed deliveries older than <paramref name="retention"/>, oldest first, at most <paramref name="batchSize"/>.
    /// Unprocessed and failed ones are kept whatever their age: they are the ones someone still needs to look at.</summary>
    public async Task<int> PurgeProcessedDeliveriesAsync(TimeSpan retention, int batchSize, CancellationToken ct = default)
    {
        await using var cmd = Command("""
            DELETE FROM webhook_deliveries WHERE id IN (
                SELECT id FROM webhook_deliveries WHERE status = 'processed' AND received_at < now() - $1
                ORDER BY received_at LIMIT $2)
            """, retention, batchSize);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Highest applied schema_migrations version, or null when the table does not exist yet.</summary>
    public async Task<int?> SchemaVersionAsync(CancellationToken ct = default)
    {
        await using var cmd = Command("SELECT max(version) FROM schema_migrations");
        try { return await cmd.ExecuteScalarAsync(ct) is int v ? v : null; }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return null; }
    }

    private NpgsqlCommand Command(string sql, params object[] args)
    {
        var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = TimeoutSeconds;
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return cmd;
    }
}
