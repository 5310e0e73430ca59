using AiSales.Core.Operations;
using Microsoft.Extensions.Options;

namespace AiSales.Dashboard.Operations;

/// <summary>
/// What an operator reads and does about Wolverine's queues, dead letters and unroutable events, in-process: the ops
/// API (Operations/Api) and the Operations page both call this, so both see the same numbers and every action is logged
/// the same way. Deliveries are in <see cref="DeliveryArchive"/>.
/// </summary>
public sealed class OperatorConsole(WolverineQueueOperations queues, QueueHealth health, OperationsStore store,
    IOptions<RetentionOptions> retention, TimeProvider clock, ILogger<OperatorConsole> logger)
{
    // Straight from the database (not the metrics snapshot): an operator who just acted wants to see the effect.
    public async Task<QueueStats> QueueStatsAsync(CancellationToken ct = default) =>
        QueueStats.From(await queues.ReadAsync(ct), clock.GetUtcNow());

    public async Task<(QueueHealthResponse Body, bool Healthy)> HealthAsync(CancellationToken ct = default)
    {
        var report = await health.CheckAsync(ct);
        return (new QueueHealthResponse(report.Healthy ? "healthy" : "unhealthy", report.Reasons, report.LiveNodes,
            report.OldestWaiting?.TotalSeconds, report.DeadLetters), report.Healthy);
    }

    /// <summary>Wolverine's first page (its order), newest failure first within it.</summary>
    public async Task<DeadLetterList> DeadLettersAsync(string? type, int limit, CancellationToken ct = default)
    {
        var page = await queues.ListDeadLettersAsync(type, limit, ct);
        return new DeadLetterList([.. page.Items.OrderByDescending(d => d.FailedAt).Select(d => new DeadLetterView(d.Id, d.MessageType,
            d.ExceptionType, d.ExceptionMessage, d.Attempts, d.FailedAt, d.ReplayPending, d.ReplayCount, d.ReceivedAt, d.Body))], page.TotalCount);
    }

    /// <summary>Marks it for replay: Wolverine replays it on its durability agent's next pass (seconds). False when there is none.</summary>
    public async Task<bool> RetryDeadLetterAsync(Guid id, CancellationToken ct = default)
    {
        if (!await queues.RetryAsync(id, ct)) return false;
        logger.LogInformation("Dead letter {DeadLetterId} marked for replay by an operator", id);
        return true;
    }

    public async Task<bool> DiscardDeadLetterAsync(Guid id, CancellationToken ct = default)
    {
        if (!await queues.DiscardAsync(id, ct)) return false;
        logger.LogInformation("Dead letter {DeadLetterId} discarded by an operator", id);
        return true;
    }

    public async Task<int> RetryAllDeadLettersAsync(string? type, CancellationToken ct = default)
    {
        var count = await queues.RetryAllAsync(type, ct);
        logger.LogInformation("Operator marked {Count} dead letters of type {MessageType} for replay", count, string.IsNullOrEmpty(type) ? "(all)" : type);
        return count;
    }

    /// <summary>Deletes processed webhook deliveries past retention (our table). Dead letters are Wolverine's to expire.</summary>
    public async Task<CleanupResult> CleanupAsync(CancellationToken ct = default)
    {
        var deliveries = await store.PurgeProcessedDeliveriesAsync(retention.Value.MaxAge, retention.Value.BatchSize, ct);
        logger.LogInformation("Operator cleanup deleted {Deliveries} processed deliveries; dead-letter retention is Wolverine's: {DeadLetterRetention}",
            deliveries, queues.DeadLetterRetention);
        return new CleanupResult(deliveries, retention.Value.MaxAge.ToString(), queues.DeadLetterRetention);
    }

    /// <summary>Events for accounts no merchant has connected, newest first.</summary>
    public Task<IReadOnlyList<UnroutableEvent>> UnroutableAsync(int limit, bool includeResolved, CancellationToken ct = default) =>
        store.ListUnroutableAsync(limit, includeResolved, ct);

    /// <summary>False when there is no such event; resolving a resolved one again is fine.</summary>
    public async Task<bool> ResolveUnroutableAsync(Guid id, CancellationToken ct = default)
    {
        if (!await store.ResolveUnroutableAsync(id, ct)) return false;
        logger.LogInformation("Unroutable event {UnroutableId} resolved by an operator", id);
        return true;
    }
}
