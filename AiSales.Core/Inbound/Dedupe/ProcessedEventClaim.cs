using AiSales.Core.Channels;
using AiSales.Core.Persistence.Entities;
using Npgsql;

namespace AiSales.Core.Inbound.Dedupe;

/// <summary>
/// The durable half of dedupe: <c>processed_events</c> has PRIMARY KEY (platform, event_key), so inside the
/// event's transaction exactly one attempt can claim a key; a redelivery (or a concurrent duplicate, which
/// blocks on the row lock until the first commits) gets 0 rows and skips the event.
/// </summary>
public static class ProcessedEventClaim
{
    private const string Sql = """
        INSERT INTO processed_events (platform, event_key, delivery_id) VALUES ($1, $2, $3)
        ON CONFLICT (platform, event_key) DO NOTHING
        """;

    public static async Task<bool> TryClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        ChannelPlatform platform, string dedupeKey, long? deliveryId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Sql, connection, transaction);
        cmd.Parameters.Add(new NpgsqlParameter { Value = platform.ToName() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = dedupeKey });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)deliveryId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }
}
