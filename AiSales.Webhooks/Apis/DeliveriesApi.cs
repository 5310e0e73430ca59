using AiSales.Core.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Wolverine.Postgresql;

namespace AiSales.Webhooks.Apis;

/// <summary>Operator view of the raw archive: list stored deliveries and replay one (re-enqueue it).</summary>
public static class DeliveriesApi
{
    public sealed record DeliverySummary(long Id, string Platform, string Object, DateTimeOffset ReceivedAt, string Status,
        int? EventCount, string? Error, int Bytes);

    public static RouteGroupBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deliveries").WithTags("Operations").RequireOpsKey();
        api.MapGet("/", ListAsync).WithName("ListDeliveries");
        api.MapPost("/{id:long}/replay", ReplayAsync).WithName("ReplayDelivery");
        return api;
    }

    /// <summary>
    /// Newest arrival first: <c>received_at DESC, id DESC</c>. Not <c>id</c> alone, because each ingest committer reserves
    /// ids in blocks (DeliveryCommitter), so a higher id does not mean a later arrival. <paramref name="before"/> is the id of
    /// the last delivery of the previous page (keyset cursor): the page continues after that delivery's place in this order.
    /// A cursor whose delivery no longer exists (deleted by retention) gives an empty page.
    /// </summary>
    public static async Task<Ok<List<DeliverySummary>>> ListAsync(NpgsqlDataSource db, string? platform, string? status,
        long? before, int limit = 50, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 500);
        // The cursor as `received_at <= c AND (received_at < c OR id < $3)` rather than a row comparison, so the
        // received_at index (ix_webhook_deliveries_received_at) bounds the scan; ties on received_at (one batch) go by id.
        await using var cmd = db.CreateCommand("""
            SELECT id, platform, object, received_at, status, event_count, error, octet_length(body)
            FROM webhook_deliveries
            WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR status = $2)
              AND ($3::bigint IS NULL OR (
                    received_at <= (SELECT c.received_at FROM webhook_deliveries c WHERE c.id = $3)
                AND (received_at < (SELECT c.received_at FROM webhook_deliveries c WHERE c.id = $3) OR id < $3)))
            ORDER BY received_at DESC, id DESC LIMIT $4
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)platform ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<DeliverySummary>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new DeliverySummary(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7)));
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Accepted, NotFound>> ReplayAsync(long id, NpgsqlDataSource db, IPostgresqlOutbox outbox,
        ILogger<DeliverySummary> logger, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var mark = new NpgsqlCommand(
            "UPDATE webhook_deliveries SET status = 'received', error = NULL WHERE id = $1", conn, tx))
        {
            mark.Parameters.Add(new NpgsqlParameter { Value = id });
            if (await mark.ExecuteNonQueryAsync(ct) == 0) return TypedResults.NotFound();
        }
        await outbox.EnqueueAsync(conn, tx, [new ProcessWebhookDelivery(id)], null, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Delivery {DeliveryId} replayed by an operator", id);
        return TypedResults.Accepted($"/api/deliveries/{id}");
    }
}
