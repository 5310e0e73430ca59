using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;
using Npgsql;

namespace AiSales.Core.Inbound.Recording;

/// <summary>
/// WhatsApp sends have no echo. What comes back is a status webhook (sent/delivered/read/failed) carrying our
/// idempotency key as <c>biz_opaque_callback_data</c> and the wamid. When a send's answer was lost, the ledger never
/// learned the wamid, so the pipeline's status update cannot find the message; this looks for such a status in the
/// stored raw deliveries (received since the send was attempted) and returns what it says.
/// </summary>
public sealed class WhatsAppStatusReconciler(NpgsqlDataSource dataSource, IMetaPayloadNormalizer normalizer)
{
    public sealed record Found(string? Wamid, string? Status);

    public async Task<Found?> FindAsync(string idempotencyKey, DateTimeOffset since, CancellationToken ct)
    {
        // Bounded: only deliveries since the attempt that mention the key (bytea search, no JSON parse in SQL).
        await using var cmd = dataSource.CreateCommand("""
            SELECT body FROM webhook_deliveries
            WHERE platform = 'whatsapp' AND received_at >= $1 AND position(convert_to($2, 'UTF8') in body) > 0
            ORDER BY received_at
            LIMIT 20
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = since.ToUniversalTime().AddMinutes(-1) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        Found? found = null;
        while (await reader.ReadAsync(ct))
        {
            foreach (var evt in normalizer.Normalize(ChannelPlatform.WhatsApp, (byte[])reader[0]))
            {
                if (evt is DeliveryStatusEvent s && s.BizOpaqueCallbackData == idempotencyKey)
                    found = new Found(s.MessageId ?? found?.Wamid, s.Status);
            }
        }
        return found;
    }
}
