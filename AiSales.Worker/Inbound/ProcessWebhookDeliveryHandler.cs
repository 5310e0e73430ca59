using System.Diagnostics;
using AiSales.Core.Channels;
using AiSales.Core.Inbound;
using AiSales.Core.Messaging;
using Npgsql;

namespace AiSales.Worker.Inbound;

/// <summary>
/// Turns one stored webhook delivery into conversation rows. Each event runs in its own transaction
/// (see <see cref="InboundEventProcessor"/>), so a failure part-way leaves the finished events committed and
/// deduplicated; the job's retry redoes only the rest. The delivery row ends 'processed' with its event
/// count, or 'failed' with the error while retries are still coming.
/// </summary>
public sealed class ProcessWebhookDeliveryHandler(
    NpgsqlDataSource dataSource,
    IMetaPayloadNormalizer normalizer,
    InboundEventProcessor processor,
    PipelineTelemetry telemetry,
    ILogger<ProcessWebhookDeliveryHandler> logger)
{
    public async Task Handle(ProcessWebhookDelivery message, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        var delivery = await LoadAsync(connection, message.DeliveryId, ct);
        if (delivery is null)
        {
            // Removed by retention or an operator: nothing left to do, and retrying cannot bring it back.
            logger.LogWarning("Webhook delivery {DeliveryId} no longer exists; skipping", message.DeliveryId);
            return;
        }
        if (delivery.Status == "processed") return; // a redelivered job after a completed run

        // Continue the webhook's trace: the ingest request stored its context with the row.
        ActivityContext.TryParse(delivery.TraceParent, null, out var parent);
        using var activity = PipelineTelemetry.Source.StartActivity("process webhook delivery", ActivityKind.Consumer, parent);
        activity?.SetTag("aisales.delivery_id", message.DeliveryId);
        activity?.SetTag("aisales.platform", delivery.Platform);

        if (!ChannelNames.TryParse(delivery.Platform, out var platform))
        {
            await MarkAsync(connection, message.DeliveryId, "failed", null, $"unknown platform '{delivery.Platform}'", ct);
            return;
        }

        var events = normalizer.Normalize(platform, delivery.Body);
        var traceParent = activity?.Id ?? delivery.TraceParent;
        var completion = new DeliveryCompletion(message.DeliveryId, events.Count);
        try
        {
            for (var i = 0; i < events.Count; i++)
            {
                var evt = events[i];
                var eventStarted = Stopwatch.GetTimestamp();
                // The last event's transaction also marks the delivery processed when it commits rows (one commit less).
                var outcome = await processor.ProcessAsync(connection, evt, message.DeliveryId, traceParent, ct,
                    lastEventOf: i == events.Count - 1 ? completion : null);
                telemetry.EventProcessed(evt, outcome, Stopwatch.GetElapsedTime(eventStarted));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            telemetry.DeliveryProcessed(delivery.Platform, false, Stopwatch.GetElapsedTime(started));
            logger.LogError(ex, "Processing webhook delivery {DeliveryId} ({Platform}) failed; the job will be retried", message.DeliveryId, delivery.Platform);
            // Give the failing connection back before taking a fresh one: a handler never holds two from the pool, or
            // handlers failing together could each hold one and wait for another (HandlerConnections).
            await connection.DisposeAsync();
            await MarkFailedQuietlyAsync(message.DeliveryId, ex);
            throw;
        }

        if (!completion.Marked) await MarkAsync(connection, message.DeliveryId, "processed", events.Count, null, ct);
        telemetry.DeliveryProcessed(delivery.Platform, true, Stopwatch.GetElapsedTime(started));
    }

    private sealed record StoredDelivery(string Platform, byte[] Body, string? TraceParent, string Status);

    private static async Task<StoredDelivery?> LoadAsync(NpgsqlConnection connection, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT platform, body, trace_parent, status FROM webhook_deliveries WHERE id = $1", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StoredDelivery(reader.GetString(0), (byte[])reader[1], reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3));
    }

    private static async Task MarkAsync(NpgsqlConnection connection, long id, string status, int? eventCount, string? error, CancellationToken ct)
    {
        await using var cmd = WebhookDeliveryMarks.Command(connection, null, id, status, eventCount, error);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Best effort on a fresh connection (the failing one may be broken); the job's retry is what matters.</summary>
    private async Task MarkFailedQuietlyAsync(long id, Exception failure)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var connection = await dataSource.OpenConnectionAsync(timeout.Token);
            var error = $"{failure.GetType().Name}: {failure.Message}";
            await MarkAsync(connection, id, "failed", null, error.Length > 2000 ? error[..2000] : error, timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not mark webhook delivery {DeliveryId} as failed", id);
        }
    }
}
