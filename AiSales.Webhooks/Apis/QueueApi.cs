using AiSales.Core.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiSales.Webhooks.Apis;

/// <summary>Operator view of Wolverine's queues: counts, health, and the cleanup trigger. Dead letters are in <see cref="DeadLettersApi"/>.</summary>
public static class QueueApi
{
    /// <summary>
    /// Waiting and Scheduled: in the PostgreSQL queues (Scheduled also counts the inbox's own delayed retries). Running:
    /// taken from a queue by a node and not finished (Wolverine's inbox). Outgoing: in an outbox, not yet in a queue.
    /// </summary>
    public sealed record QueueTotals(long Waiting, long Scheduled, long Running, long Dead, long Outgoing);

    public sealed record QueueDepthView(string Queue, long Waiting, long Scheduled, double? OldestWaitingSeconds);

    public sealed record QueueTypeStats(string MessageType, long Waiting, long Scheduled, long Dead, double? OldestWaitingSeconds);

    public sealed record QueueStats(IReadOnlyList<QueueDepthView> Queues, IReadOnlyList<QueueTypeStats> Types, QueueTotals Totals, DateTimeOffset ReadAt);

    public sealed record QueueHealthResponse(string Status, IReadOnlyList<string> Reasons, int LiveNodes, double? OldestWaitingSeconds, long DeadLetters);

    /// <summary>Dead letters are not deleted here: Wolverine expires them itself (<see cref="DeadLetterRetention"/>).</summary>
    public sealed record CleanupResult(int DeliveriesDeleted, string DeliveryRetention, string DeadLetterRetention);

    public static RouteGroupBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/queue").WithTags("Operations").RequireOpsKey();
        api.MapGet("/stats", GetStatsAsync).WithName("GetQueueStats");
        api.MapGet("/health", GetHealthAsync).WithName("GetQueueHealth");
        api.MapPost("/cleanup", CleanupAsync).WithName("CleanupQueue");
        api.MapDeadLettersApi();
        return api;
    }

    // Straight from the database (not the metrics snapshot): an operator who just acted wants to see the effect.
    public static async Task<Ok<QueueStats>> GetStatsAsync(WolverineQueueOperations operations, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(ToStats(await operations.ReadAsync(ct), clock.GetUtcNow()));

    internal static QueueStats ToStats(QueueStatsRead stats, DateTimeOffset readAt) => new(
        [.. stats.Queues.Select(q => new QueueDepthView(q.Queue, q.Waiting, q.Scheduled, q.OldestWaitingAge?.TotalSeconds))],
        [.. stats.Types.Select(t => new QueueTypeStats(t.MessageType, t.Waiting, t.Scheduled, t.Dead, t.OldestWaitingAge?.TotalSeconds))],
        new QueueTotals(stats.Queues.Sum(q => q.Waiting), stats.Queues.Sum(q => q.Scheduled) + stats.Store.Scheduled, stats.Store.Running,
            stats.Store.Dead, stats.Store.Outgoing),
        readAt);

    public static async Task<IResult> GetHealthAsync(QueueHealth health, CancellationToken ct)
    {
        var report = await health.CheckAsync(ct);
        var body = new QueueHealthResponse(report.Healthy ? "healthy" : "unhealthy", report.Reasons, report.LiveNodes,
            report.OldestWaiting?.TotalSeconds, report.DeadLetters);
        return report.Healthy ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Deletes processed webhook deliveries past retention (our table). Dead letters are Wolverine's to expire.</summary>
    public static async Task<Ok<CleanupResult>> CleanupAsync(OperationsStore store, IOptions<RetentionOptions> retention,
        WolverineQueueOperations operations, ILogger<CleanupResult> logger, CancellationToken ct)
    {
        var deliveries = await store.PurgeProcessedDeliveriesAsync(retention.Value.ProcessedDeliveries, retention.Value.BatchSize, ct);
        logger.LogInformation("Operator cleanup deleted {Deliveries} processed deliveries; dead-letter retention is Wolverine's: {DeadLetterRetention}",
            deliveries, operations.DeadLetterRetention);
        return TypedResults.Ok(new CleanupResult(deliveries, retention.Value.ProcessedDeliveries.ToString(), operations.DeadLetterRetention));
    }
}
