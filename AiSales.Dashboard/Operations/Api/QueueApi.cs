using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Dashboard.Operations.Api;

/// <summary>Operator view of Wolverine's queues: counts, health, and the cleanup trigger. Dead letters are in <see cref="DeadLettersApi"/>.</summary>
public static class QueueApi
{
    internal static RouteGroupBuilder MapQueueApi(this RouteGroupBuilder ops)
    {
        ops.MapGet("/api/queue/stats", GetStatsAsync).WithName("GetQueueStats");
        ops.MapGet("/api/queue/health", GetHealthAsync).WithName("GetQueueHealth");
        ops.MapPost("/api/queue/cleanup", CleanupAsync).WithName("CleanupQueue");
        ops.MapDeadLettersApi();
        return ops;
    }

    public static async Task<Ok<QueueStats>> GetStatsAsync(OperatorConsole console, CancellationToken ct) =>
        TypedResults.Ok(await console.QueueStatsAsync(ct));

    /// <summary>503 with the same body when unhealthy, so a load balancer or a script can act on the status alone.</summary>
    public static async Task<Results<Ok<QueueHealthResponse>, JsonHttpResult<QueueHealthResponse>>> GetHealthAsync(OperatorConsole console,
        CancellationToken ct)
    {
        var (body, healthy) = await console.HealthAsync(ct);
        return healthy ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Deletes processed webhook deliveries past retention (our table). Dead letters are Wolverine's to expire.</summary>
    public static async Task<Ok<CleanupResult>> CleanupAsync(OperatorConsole console, CancellationToken ct) =>
        TypedResults.Ok(await console.CleanupAsync(ct));
}
