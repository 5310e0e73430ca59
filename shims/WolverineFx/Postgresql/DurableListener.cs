using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;

namespace Wolverine.Postgresql;

/// <summary>
/// Consumes the jobs table: one fetch loop leasing batches (SKIP LOCKED) into a bounded channel,
/// N workers, a batched completer, a LISTEN connection that wakes the fetch loop, a poll fallback,
/// and a maintenance loop (heartbeat/lease renewal, expired-lease recovery, cleanup).
/// </summary>
internal sealed class DurableListener(WolverineRuntime runtime, MessageExecutor executor) : IHostedService, IAsyncDisposable
{
    private readonly DurabilitySettings _settings = runtime.Options.Durability;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Channel<LeasedJob> _jobs = null!;
    private readonly CancellationTokenSource _stopFetching = new();
    private readonly CancellationTokenSource _stopHandlers = new();
    private readonly List<Task> _loops = [];
    private Task[] _workers = [];
    private readonly JobCompleter _completer = new(runtime);
    private int _inFlight;
    // Set when jobs may be waiting that the fetch loop could not take (no free handler, or a full batch): only then does
    // a finishing handler wake it. Otherwise every finished job cost an empty fetch round trip (bench/reply-cost.sh).
    private volatile bool _mayHaveMore = true;
    private ILogger Log => runtime.Logger;
    private JobStore Store => runtime.Store;
    private Guid Node => runtime.NodeId;

    public async Task StartAsync(CancellationToken ct)
    {
        if (!runtime.HasPersistence) return;
        await Store.EnsureSchemaAsync(ct);
        if (runtime.Options.Durability.Mode == DurabilityMode.MediatorOnly) return;
        await Store.HeartbeatAsync(Node, runtime.Options.ServiceName, _settings.LeaseDuration, ct);
        if (_settings.Mode == DurabilityMode.Solo)
        {
            var recovered = await Store.RecoverAllRunningAsync(ct);
            if (recovered > 0) Log.LogInformation("Solo mode: returned {Count} orphaned running jobs to waiting", recovered);
        }
        var types = runtime.Handlers.MessageTypeNames;
        if (types.Length == 0) return; // a sender-only node (e.g. the webhook ingest) consumes nothing

        _jobs = Channel.CreateBounded<LeasedJob>(new BoundedChannelOptions(Math.Max(1, _settings.BatchSize)) { SingleWriter = true });
        _workers = [.. Enumerable.Range(0, Math.Max(1, _settings.WorkerCount)).Select(_ => Task.Run(WorkAsync))];
        _completer.Start();
        _loops.Add(Task.Run(() => FetchLoopAsync(types, _stopFetching.Token)));
        _loops.Add(Task.Run(() => ListenLoopAsync(_stopFetching.Token)));
        _loops.Add(Task.Run(() => MaintenanceLoopAsync(_stopFetching.Token)));
        Log.LogInformation("Wolverine listener {Node} consuming {Count} message types with {Workers} workers", Node, types.Length, _settings.WorkerCount);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_jobs is null) return;
        await _stopFetching.CancelAsync();
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _jobs.Writer.TryComplete();
        // Let in-flight handlers finish; after the drain timeout they are cancelled and their jobs
        // stay leased until the lease lapses (at-least-once: another node redelivers them).
        var drained = Task.WhenAll(_workers);
        if (await Task.WhenAny(drained, Task.Delay(_settings.DrainTimeout, ct)) != drained) await _stopHandlers.CancelAsync();
        await drained.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _completer.StopAsync();
        try { await Store.RemoveNodeAsync(Node, CancellationToken.None); }
        catch (Exception ex) { Log.LogWarning(ex, "Could not remove node row {Node}", Node); }
    }

    public ValueTask DisposeAsync()
    {
        // Disposed without StopAsync when another hosted service failed to start (e.g. Postgres restarting under the
        // demo seed): the loops and handlers may still run. Cancel them, but never dispose the sources under them —
        // a handler reading a disposed source's token threw ObjectDisposedException and logged every in-flight job as
        // failed. Neither source owns a timer or wait handle, so there is nothing to release.
        _stopFetching.Cancel();
        _stopHandlers.Cancel();
        return ValueTask.CompletedTask;
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task FetchLoopAsync(string[] types, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            // Lease only for free handlers: a lease charges an attempt, and a crash (SIGKILL, OOM) returns every leased
            // job with that attempt spent. Jobs leased ahead of a free handler would pay for crashes they never saw,
            // and after a few crashes the crash-loop guard (attempts > max) would dead-letter jobs that never ran.
            var free = _settings.WorkerCount - Volatile.Read(ref _inFlight);
            var count = Math.Min(_settings.BatchSize, free);
            var fetched = 0;
            if (count <= 0)
            {
                _mayHaveMore = true; // woken with every handler busy: the next one to finish wakes the loop
                if (_settings.WorkerCount - Volatile.Read(ref _inFlight) > 0) continue; // one finished before it could see the flag
            }
            if (count > 0)
            {
                try
                {
                    var jobs = await Store.FetchAsync(types, count, Node, _settings.LeaseDuration, ct);
                    fetched = jobs.Count;
                    for (var i = 0; i < jobs.Count; i++)
                    {
                        Interlocked.Increment(ref _inFlight);
                        try { await _jobs.Writer.WriteAsync(jobs[i], ct); }
                        catch (OperationCanceledException)
                        {
                            // Stopping while workers are busy: hand the rest back instead of blocking shutdown.
                            Interlocked.Add(ref _inFlight, -(jobs.Count - i));
                            await Store.ReleaseAsync([.. jobs.Skip(i).Select(j => j.Id)], Node, CancellationToken.None);
                            return;
                        }
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
                catch (Exception ex)
                {
                    Log.LogError(ex, "Fetching jobs failed; retrying after the poll interval");
                }
            }
            if (fetched == count && count > 0)
            {
                _mayHaveMore = true;
                continue; // a full batch: there is probably more
            }
            if (count > 0) _mayHaveMore = false; // took everything that was ready; a NOTIFY or the poll says when there is more
            // Sleep until a NOTIFY, a freed worker slot, or the poll interval (covers scheduled jobs).
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(ct);
            poll.CancelAfter(_settings.PollingInterval);
            try { await _wake.Reader.ReadAsync(poll.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task ListenLoopAsync(CancellationToken ct)
    {
        var channel = PostgresqlSchema.NotifyChannel(Store.Schema);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await Store.DataSource.OpenConnectionAsync(ct);
                conn.Notification += (_, _) => Wake();
                await using (var cmd = new NpgsqlCommand($"LISTEN \"{channel}\"", conn)) await cmd.ExecuteNonQueryAsync(ct);
                Wake(); // anything enqueued while we were not listening
                while (!ct.IsCancellationRequested)
                    await conn.WaitAsync(TimeSpan.FromSeconds(30), ct); // timeout doubles as a liveness check
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                Log.LogWarning(ex, "LISTEN connection lost; polling continues, reconnecting in 1 s");
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task MaintenanceLoopAsync(CancellationToken ct)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Max(50, Math.Min(_settings.HeartbeatInterval.TotalMilliseconds, _settings.RecoveryInterval.TotalMilliseconds)));
        var lastHeartbeat = Stopwatch.GetTimestamp();
        var lastRecovery = 0L;
        var lastCleanup = Stopwatch.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (Stopwatch.GetElapsedTime(lastRecovery) >= _settings.RecoveryInterval)
                {
                    lastRecovery = Stopwatch.GetTimestamp();
                    var recovered = await Store.RecoverExpiredLeasesAsync(1000, ct);
                    if (recovered > 0)
                    {
                        Log.LogWarning("Returned {Count} jobs with expired leases to the queue", recovered);
                        Wake();
                    }
                }
                if (Stopwatch.GetElapsedTime(lastHeartbeat) >= _settings.HeartbeatInterval)
                {
                    lastHeartbeat = Stopwatch.GetTimestamp();
                    await Store.HeartbeatAsync(Node, runtime.Options.ServiceName, _settings.LeaseDuration, ct);
                    runtime.Instrumentation.SetQueueDepth(await new QueueStatistics(Store).CountWaitingAsync(ct));
                }
                if (Stopwatch.GetElapsedTime(lastCleanup) >= _settings.CleanupInterval)
                {
                    lastCleanup = Stopwatch.GetTimestamp();
                    await Store.CleanupAsync(_settings.DeadLetterRetention, _settings.CleanupBatchSize, ct);
                }
                await Task.Delay(tick, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                Log.LogError(ex, "Queue maintenance failed");
                try { await Task.Delay(tick, ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task WorkAsync()
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync())
        {
            try
            {
                // The job, then whatever it claimed to run here next (LocalContinuations), in this same slot. The chain's
                // completions are deleted together at its end (one statement instead of one per job); until then the
                // finished jobs stay leased, so a crash mid-chain redelivers them to idempotent handlers.
                var next = new Queue<LeasedJob>([job]);
                var finished = new List<(Guid, Envelope)>();
                try
                {
                    while (next.TryDequeue(out var current))
                        foreach (var claimed in await RunAsync(current, finished)) next.Enqueue(claimed);
                }
                finally
                {
                    foreach (var (id, envelope) in finished) _completer.Add(id, envelope);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                if (_mayHaveMore) Wake();
            }
        }
    }

    /// <summary>Runs one job; returns the committed jobs its handler claimed for this node (none when stopping).</summary>
    private async Task<List<LeasedJob>> RunAsync(LeasedJob job, List<(Guid, Envelope)> finished)
    {
        var scope = new LocalContinuations();
        try
        {
            if (_stopFetching.IsCancellationRequested && _stopHandlers.IsCancellationRequested)
                await Store.ReleaseAsync([job.Id], Node, CancellationToken.None);
            else
            {
                LocalContinuations.Current = scope;
                try { await ExecuteAsync(job, finished, _stopHandlers.Token); }
                finally { LocalContinuations.Current = null; }
            }
        }
        catch (OperationCanceledException) when (_stopHandlers.IsCancellationRequested)
        {
            Log.LogWarning("Job {JobId} ({MessageType}) was cancelled by shutdown; it will be redelivered after its lease expires", job.Id, job.MessageType);
        }
        catch (Exception ex)
        {
            // Storage failed mid-way: the lease lapses and the job is redelivered (at-least-once).
            Log.LogError(ex, "Job {JobId} ({MessageType}) could not be finished; it will be redelivered after its lease expires", job.Id, job.MessageType);
        }

        var (ready, unconfirmed) = scope.Take();
        // Stopping: hand follow-ups back to the queue rather than start them (another node, or the next start, runs them).
        var release = _stopFetching.IsCancellationRequested ? [.. unconfirmed, .. ready.Select(r => r.Id)] : unconfirmed;
        if (release.Length > 0)
        {
            // Rolled back (no row: a no-op) or committed without telling us: back to waiting, attempt refunded.
            try { await Store.ReleaseAsync(release, Node, CancellationToken.None); }
            catch (Exception ex) { Log.LogWarning(ex, "Could not release {Count} locally claimed jobs; their leases will expire", release.Length); }
        }
        return _stopFetching.IsCancellationRequested ? [] : ready;
    }

    private async Task ExecuteAsync(LeasedJob job, List<(Guid, Envelope)> finished, CancellationToken ct)
    {
        var headers = JsonSerializer.Deserialize<Dictionary<string, string?>>(job.Headers) ?? [];
        var envelope = new Envelope
        {
            Id = job.Id, MessageType = job.MessageType, Handler = job.Handler, Attempts = job.Attempts, MaxAttempts = job.MaxAttempts,
            Priority = job.Priority, Headers = new(headers, StringComparer.OrdinalIgnoreCase),
        };
        using var logScope = Log.BeginScope(new Dictionary<string, object?> { ["MessageId"] = job.Id, ["MessageType"] = job.MessageType, ["CorrelationId"] = envelope.CorrelationId });

        var type = runtime.Handlers.MessageTypeFor(job.MessageType);
        var handlers = runtime.Handlers.HandlersFor(job.MessageType).Where(h => job.Handler is null || h.HandlerName == job.Handler).ToList();
        if (type is null || handlers.Count == 0)
        {
            await DeadLetterAsync(envelope, new InvalidOperationException($"No handler {job.Handler ?? ""} for {job.MessageType} on this node."));
            return;
        }
        if (job.LeaseExpiries >= _settings.MaximumLeaseExpiries)
        {
            // The crash-loop guard: every earlier lease of this job ended with its process dead (e.g. a message that
            // kills the process each time). Attempts are not the measure: an expired lease refunds its attempt.
            await DeadLetterAsync(envelope, new InvalidOperationException(
                $"Its lease expired {job.LeaseExpiries} times (the process died while running it each time); not run again."));
            return;
        }
        envelope.Message = JsonSerializer.Deserialize(job.Body, type, runtime.Options.JsonSerializerOptions)
            ?? throw new InvalidOperationException($"Job {job.Id} has a null body.");

        if (handlers.Count > 1)
        {
            // Enqueued by a node that did not know the handlers: split into one job per handler.
            // Same headers (trace context, correlation, custom) on every per-handler copy.
            var copy = new DeliveryOptions { Priority = job.Priority };
            foreach (var (k, v) in envelope.Headers) copy.Headers[k] = v;
            var split = runtime.CreateJobs([envelope.Message], copy, envelope, requireSingleHandler: false);
            await FinishAsync(envelope, split, finished);
            return;
        }

        ActivityContext.TryParse(headers.GetValueOrDefault(Envelope.TraceParentHeader), headers.GetValueOrDefault(Envelope.TraceStateHeader), out var parent);
        while (true)
        {
            Exception failure;
            try
            {
                var (result, sent) = await executor.RunAsync(handlers[0], envelope, parent, ct);
                var outgoing = MessageExecutor.Cascades(result).Concat(sent).ToList();
                await FinishAsync(envelope, outgoing.Count == 0 ? [] : runtime.CreateJobs(outgoing, null, envelope, requireSingleHandler: false), finished);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                failure = ex;
            }

            runtime.Tracker.Record(MessageEventType.MessageFailed, envelope, failure);
            var action = runtime.Options.Policies.Determine(failure, envelope.Attempts, job.MaxAttempts);
            Log.LogWarning(failure, "Attempt {Attempt} of {MessageType} {MessageId} failed; next: {Action} {Delay}",
                envelope.Attempts, job.MessageType, job.Id, action.Kind, action.Delay);
            switch (action.Kind)
            {
                case FailureActionKind.RetryInline:
                    await Task.Delay(action.Delay, ct);
                    envelope.Attempts++;
                    continue;
                case FailureActionKind.ScheduleRetry:
                    await Store.RescheduleAsync(job.Id, Node, action.Delay, envelope.Attempts, failure, CancellationToken.None);
                    runtime.Tracker.Record(MessageEventType.Requeued, envelope, failure);
                    Wake();
                    return;
                case FailureActionKind.Discard:
                    await Store.DiscardAsync(job.Id, Node, CancellationToken.None);
                    runtime.Tracker.Record(MessageEventType.Discarded, envelope, failure);
                    return;
                default:
                    await DeadLetterAsync(envelope, failure);
                    return;
            }
        }
    }

    private async Task FinishAsync(Envelope envelope, List<OutgoingJob> cascades, List<(Guid, Envelope)> finished)
    {
        if (cascades.Count == 0)
        {
            finished.Add((envelope.Id, envelope)); // deleted with the rest of the chain (WorkAsync)
            return;
        }
        if (await Store.CompleteWithCascadesAsync(envelope.Id, Node, cascades, CancellationToken.None))
        {
            runtime.RecordSent(cascades);
            runtime.Tracker.Record(MessageEventType.MessageSucceeded, envelope);
        }
        else
        {
            Log.LogWarning("Lease on {MessageId} was lost before completion; its cascades were not sent (the redelivery will send them)", envelope.Id);
        }
    }

    private async Task DeadLetterAsync(Envelope envelope, Exception ex)
    {
        await Store.MoveToDeadLettersAsync(envelope.Id, Node, envelope.Attempts, ex, CancellationToken.None);
        runtime.Instrumentation.DeadLettered.Add(1, new KeyValuePair<string, object?>("message.type", envelope.MessageType));
        runtime.Tracker.Record(MessageEventType.MovedToErrorQueue, envelope, ex);
    }
}
