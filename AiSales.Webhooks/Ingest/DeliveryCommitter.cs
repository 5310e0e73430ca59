using System.Diagnostics;
using System.Threading.Channels;
using AiSales.Core.Inbound;
using AiSales.Core.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Wolverine.Postgresql;

namespace AiSales.Webhooks.Ingest;

/// <summary>
/// Group commit: concurrent requests share one transaction that stores every raw delivery and
/// enqueues its processing job. Each request is answered only after the batch holding it committed,
/// so a 200 always means "durably stored and queued". A failed batch fails all its requests (503),
/// and because it was one transaction, none of their rows exist.
/// </summary>
public sealed class DeliveryCommitter(
    NpgsqlDataSource dataSource,
    IPostgresqlOutbox outbox,
    IOptions<WebhookOptions> options,
    IngestTelemetry telemetry,
    ILogger<DeliveryCommitter> logger) : BackgroundService
{
    private const string InsertSql =
        "INSERT INTO webhook_deliveries (platform, object, body, headers, trace_parent) VALUES ($1, $2, $3, $4, $5) RETURNING id";

    private readonly Channel<IncomingDelivery> _queue = Channel.CreateBounded<IncomingDelivery>(
        new BoundedChannelOptions(50_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false });

    /// <summary>Queues a delivery for the next batch; the returned task completes when it is committed.</summary>
    public async Task<long> CommitAsync(IncomingDelivery delivery, CancellationToken ct)
    {
        await _queue.Writer.WriteAsync(delivery, ct);
        return await delivery.Committed.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Committers).Select(_ => RunCommitterAsync(stoppingToken)));

    private async Task RunCommitterAsync(CancellationToken stoppingToken)
    {
        var opts = options.Value;
        var batch = new List<IncomingDelivery>(opts.MaxBatchSize);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < opts.MaxBatchSize && reader.TryRead(out var item)) batch.Add(item);
                if (batch.Count < opts.MaxBatchSize && opts.BatchLinger > TimeSpan.Zero)
                {
                    await Task.Delay(opts.BatchLinger, stoppingToken);
                    while (batch.Count < opts.MaxBatchSize && reader.TryRead(out var item)) batch.Add(item);
                }
                if (batch.Count > 0) await CommitBatchAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Whatever is still queued at shutdown was never stored: fail it so Meta retries.
        while (reader.TryRead(out var left))
            left.Committed.TrySetException(new OperationCanceledException("Webhooks service is stopping."));
    }

    private async Task CommitBatchAsync(List<IncomingDelivery> batch, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.Value.CommitTimeout);
            var ids = await InsertAsync(batch, timeout.Token);
            for (var i = 0; i < batch.Count; i++) batch[i].Committed.TrySetResult(ids[i]);
            telemetry.BatchCommitted(batch.Count, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not commit a batch of {BatchSize} webhook deliveries; answering 503 so Meta retries", batch.Count);
            telemetry.BatchFailed(batch.Count);
            foreach (var item in batch) item.Committed.TrySetException(ex);
        }
    }

    private async Task<long[]> InsertAsync(List<IncomingDelivery> batch, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        // One round trip: a statement per delivery, so each id maps to its request without relying
        // on the row order of a multi-row RETURNING.
        await using var insert = new NpgsqlBatch(conn, tx);
        foreach (var d in batch)
        {
            var cmd = new NpgsqlBatchCommand(InsertSql);
            cmd.Parameters.Add(new NpgsqlParameter { Value = d.Platform.ToName() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = d.ObjectName });
            cmd.Parameters.Add(new NpgsqlParameter { Value = d.Body, NpgsqlDbType = NpgsqlDbType.Bytea });
            cmd.Parameters.Add(new NpgsqlParameter { Value = d.HeadersJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)d.TraceParent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.BatchCommands.Add(cmd);
        }

        var ids = new long[batch.Count];
        await using (var rows = await insert.ExecuteReaderAsync(ct))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (!await rows.ReadAsync(ct)) throw new InvalidOperationException("Insert returned no id.");
                ids[i] = rows.GetInt64(0);
                await rows.NextResultAsync(ct);
            }
        }

        await outbox.EnqueueAsync(conn, tx, ids.Select(id => (object)new ProcessWebhookDelivery(id)).ToList(), null, ct);
        await tx.CommitAsync(ct);
        return ids;
    }
}
