using System.Diagnostics;
using System.Threading.Channels;
using AiSales.Core.Channels;
using AiSales.Core.Inbound;
using AiSales.Core.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AiSales.Webhooks.Ingest;

/// <summary>
/// Group commit: concurrent requests share one transaction that stores every raw delivery and
/// enqueues its processing job. Each request is answered only after the batch holding it committed,
/// so a 200 always means "durably stored and queued". A failed batch fails all its requests (503),
/// and because it was one transaction, none of their rows exist.
/// </summary>
public sealed class DeliveryCommitter(
    NpgsqlDataSource dataSource,
    PostgresOutbox outbox,
    IOptions<WebhookOptions> options,
    IngestTelemetry telemetry,
    ILogger<DeliveryCommitter> logger) : BackgroundService
{
    // Ids come from DeliveryIdReservation (the identity's own sequence), hence OVERRIDING SYSTEM VALUE.
    private const string InsertSql = """
        INSERT INTO webhook_deliveries (id, platform, object, body, headers, trace_parent) OVERRIDING SYSTEM VALUE
        SELECT * FROM unnest($1, $2, $3, $4, $5, $6)
        """;

    /// <summary>Ids reserved per round trip to the sequence.</summary>
    private const int IdBlockSize = 1024;

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
        var lane = new CommitterLane(new DeliveryIdReservation(IdBlockSize));
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
                if (batch.Count > 0) await CommitBatchAsync(lane, batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await lane.DropConnectionAsync();
        }
        // Whatever is still queued at shutdown was never stored: fail it so Meta retries.
        while (reader.TryRead(out var left))
            left.Committed.TrySetException(new OperationCanceledException("Webhooks service is stopping."));
    }

    private async Task CommitBatchAsync(CommitterLane lane, List<IncomingDelivery> batch, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.Value.CommitTimeout);
            var ids = await InsertAsync(lane, batch, timeout.Token);
            for (var i = 0; i < batch.Count; i++) batch[i].Committed.TrySetResult(ids[i]);
            telemetry.BatchCommitted(batch.Count, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex)
        {
            // The connection may be broken or mid-protocol (timeout): never reuse it.
            await lane.DropConnectionAsync();
            logger.LogWarning(ex, "Could not commit a batch of {BatchSize} webhook deliveries; answering 503 so Meta retries", batch.Count);
            telemetry.BatchFailed(batch.Count);
            foreach (var item in batch) item.Committed.TrySetException(ex);
        }
    }

    /// <summary>
    /// One transaction per batch: the multi-row delivery insert, Wolverine's envelope for the message that hands them to
    /// the Workers (<see cref="ProcessWebhookDeliveryBatch.For"/>: one for the whole batch) and the commit; plus one round
    /// trip per <see cref="IdBlockSize"/> deliveries to reserve ids. All rows commit together or none do.
    /// </summary>
    private async Task<long[]> InsertAsync(CommitterLane lane, List<IncomingDelivery> batch, CancellationToken ct)
    {
        var conn = await lane.ConnectionAsync(dataSource, ct);
        var ids = await lane.Ids.TakeAsync(conn, batch.Count, ct);

        var count = batch.Count;
        var platforms = new string[count];
        var objects = new string[count];
        var bodies = new byte[count][];
        var headers = new string[count];
        var traces = new string?[count];
        for (var i = 0; i < count; i++)
        {
            var d = batch[i];
            platforms[i] = d.Platform.ToName();
            objects[i] = d.ObjectName;
            bodies[i] = d.Body;
            headers[i] = d.HeadersJson;
            traces[i] = d.TraceParent;
        }
        var jobs = outbox.Begin();
        jobs.Add(ProcessWebhookDeliveryBatch.For(ids));

        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var insert = new NpgsqlBatch(conn, tx);
        var deliveries = new NpgsqlBatchCommand(InsertSql);
        deliveries.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        deliveries.Parameters.Add(new NpgsqlParameter { Value = platforms, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        deliveries.Parameters.Add(new NpgsqlParameter { Value = objects, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        deliveries.Parameters.Add(new NpgsqlParameter { Value = bodies, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        deliveries.Parameters.Add(new NpgsqlParameter { Value = headers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        deliveries.Parameters.Add(new NpgsqlParameter { Value = traces, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.BatchCommands.Add(deliveries);

        var inserted = await insert.ExecuteNonQueryAsync(ct);
        await jobs.StoreAsync(tx, ct);
        await tx.CommitAsync(ct);
        // Committed: the deliveries and their message are durable, so the 200 does not wait for the hand-over to the
        // queue (Wolverine moves the envelope from its outbox to the queue with a round trip of its own). If this process
        // dies first, Wolverine's durability agent moves it.
        _ = HandOverAsync(jobs, count);
        // Anything but one row per delivery means the statement did not do what we think. The batch has committed by now,
        // so the deliveries are stored: say so loudly, but answer 200 (a 503 would make Meta resend them).
        if (inserted != count)
            logger.LogError("Batch of {BatchSize} deliveries inserted {Rows} rows", count, inserted);
        return ids;
    }

    private async Task HandOverAsync(OutboxMessages jobs, int count)
    {
        try
        {
            await jobs.SentAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Handing {DeliveryCount} committed deliveries to the queue failed; Wolverine's durability agent will send them", count);
        }
    }

    /// <summary>A committer's own connection (kept open between batches: no pool round trip or session reset
    /// per batch) and its reserved ids.</summary>
    private sealed class CommitterLane(DeliveryIdReservation ids)
    {
        private NpgsqlConnection? _connection;

        public DeliveryIdReservation Ids { get; } = ids;

        public async ValueTask<NpgsqlConnection> ConnectionAsync(NpgsqlDataSource dataSource, CancellationToken ct)
        {
            if (_connection is { State: System.Data.ConnectionState.Open }) return _connection;
            await DropConnectionAsync();
            return _connection = await dataSource.OpenConnectionAsync(ct);
        }

        public async ValueTask DropConnectionAsync()
        {
            if (_connection is null) return;
            try { await _connection.DisposeAsync(); }
            catch (Exception) { /* already broken; nothing to release */ }
            _connection = null;
        }
    }
}
