using AiSales.Core.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Wolverine.Postgresql;

namespace AiSales.Webhooks.Apis;

/// <summary>Operator view of the durable queue: counts, health, and the cleanup trigger. Dead letters are in <see cref="DeadLettersApi"/>.</summary>
public static class QueueApi
{
    public sealed record QueueTotals(long Waiting, long Scheduled, long Running, long Dead);

    public sealed record QueueTypeStats(string MessageType, long Waiting, long Scheduled, long Running, long Dead, double? OldestWaitingSeconds);

    public sealed record QueueStats(IReadOnlyList<QueueTypeStats> Types, QueueTotals Totals, DateTimeOffset ReadAt);

    public sealed record QueueHealthResponse(string Status, IReadOnlyList<string> Reasons, int LiveNodes, double? OldestWaitingSeconds, long DeadLetters);

    public sealed record CleanupResult(int DeadLettersDeleted, int DeliveriesDeleted, string DeadLetterRetention, string DeliveryRetention);

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
    public static async Task<Ok<QueueStats>> GetStatsAsync(IQueueStatistics statistics, TimeProvider clock, CancellationToken ct)
    {
        var types = await statistics.GetAsync(ct);
        return TypedResults.Ok(ToStats(types, clock.GetUtcNow()));
    }

    internal static QueueStats ToStats(IReadOnlyList<MessageTypeQueueStats> types, DateTimeOffset readAt) => new(
        [.. types.Select(t => new QueueTypeStats(t.MessageType, t.Waiting, t.Scheduled, t.Running, t.Dead, t.OldestWaitingAge?.TotalSeconds))],
        new QueueTotals(types.Sum(t => t.Waiting), types.Sum(t => t.Scheduled), types.Sum(t => t.Running), types.Sum(t => t.Dead)),
        readAt);

    public static async Task<IResult> GetHealthAsync(QueueHealth health, CancellationToken ct)
    {
        var report = await health.CheckAsync(ct);
        var body = new QueueHealthResponse(report.Healthy ? "healthy" : "unhealthy", report.Reasons, report.LiveNodes,
            report.OldestWaiting?.TotalSeconds, report.DeadLetters);
        return report.Healthy ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static async Task<Ok<CleanupResult>> CleanupAsync(IQueueMaintenance maintenance, OperationsStore store, IOptions<RetentionOptions> retention,
        Wolverine.WolverineOptions wolverine, ILogger<CleanupResult> logger, CancellationToken ct)
    {
        var dead = await maintenance.CleanupNowAsync(ct);
        var deliveries = await store.PurgeProcessedDeliveriesAsync(retention.Value.ProcessedDeliveries, retention.Value.BatchSize, ct);
        logger.LogInformation("Operator cleanup deleted {DeadLetters} dead letters and {Deliveries} processed deliveries", dead, deliveries);
        return TypedResults.Ok(new CleanupResult(dead, deliveries, wolverine.Durability.DeadLetterRetention.ToString(), retention.Value.ProcessedDeliveries.ToString()));
    }
}
