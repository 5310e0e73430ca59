using Npgsql;

namespace AiSales.Webhooks.Ingest;

/// <summary>
/// webhook_deliveries ids drawn ahead of time from the table's identity sequence, so a batch knows its ids before
/// it is sent and can insert the deliveries and their ProcessWebhookDelivery jobs in the same round trip. One per
/// committer (no locking). Ids handed to a batch are never handed out again, even if the batch fails: its commit may
/// have landed while the answer was lost. Unused ids are simply skipped, like the gaps a rolled-back insert leaves.
/// </summary>
internal sealed class DeliveryIdReservation(int blockSize)
{
    private const string ReserveSql =
        "SELECT nextval(pg_get_serial_sequence('webhook_deliveries', 'id')) FROM generate_series(1, $1)";

    private readonly Queue<long> _reserved = new(blockSize);

    /// <summary>Takes <paramref name="count"/> ids, reserving a new block first (one extra round trip) when short.</summary>
    public async Task<long[]> TakeAsync(NpgsqlConnection conn, int count, CancellationToken ct)
    {
        if (_reserved.Count < count)
        {
            await using var cmd = new NpgsqlCommand(ReserveSql, conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = Math.Max(blockSize, count - _reserved.Count) });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) _reserved.Enqueue(reader.GetInt64(0));
        }
        var ids = new long[count];
        for (var i = 0; i < count; i++) ids[i] = _reserved.Dequeue();
        return ids;
    }
}
