using AiSales.Core.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Webhooks.Apis;

/// <summary>List, replay and discard Wolverine's dead letters (mounted under /api/queue by <see cref="QueueApi"/>).</summary>
public static class DeadLettersApi
{
    /// <summary>
    /// <see cref="Id"/> is Wolverine's message id (a dead letter keeps its envelope's id). <see cref="ReplayPending"/>: an
    /// operator asked for a replay and Wolverine's durability agent has not yet moved it back to the inbox.
    /// </summary>
    public sealed record DeadLetterView(Guid Id, string MessageType, string ExceptionType, string ExceptionMessage,
        int Attempts, DateTimeOffset FailedAt, bool ReplayPending, int ReplayCount, string? ReceivedAt, string Body);

    public sealed record RetriedCount(int Retried);

    public const string TotalCountHeader = "X-Total-Count";

    internal static RouteGroupBuilder MapDeadLettersApi(this RouteGroupBuilder queue)
    {
        queue.MapGet("/dead-letters", ListAsync).WithName("ListDeadLetters");
        queue.MapPost("/dead-letters/{id:guid}/retry", RetryAsync).WithName("RetryDeadLetter");
        queue.MapDelete("/dead-letters/{id:guid}", DiscardAsync).WithName("DiscardDeadLetter");
        queue.MapPost("/retry-failed", RetryAllAsync).WithName("RetryAllDeadLetters");
        return queue;
    }

    /// <summary>Wolverine's first page (its order), newest failure first within it; the total is in <see cref="TotalCountHeader"/>.</summary>
    public static async Task<Ok<List<DeadLetterView>>> ListAsync(WolverineQueueOperations operations, HttpResponse response, string? type,
        int limit = 50, CancellationToken ct = default)
    {
        var page = await operations.ListDeadLettersAsync(type, limit, ct);
        response.Headers[TotalCountHeader] = page.TotalCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(page.Items.OrderByDescending(d => d.FailedAt).Select(d => new DeadLetterView(d.Id, d.MessageType,
            d.ExceptionType, d.ExceptionMessage, d.Attempts, d.FailedAt, d.ReplayPending, d.ReplayCount, d.ReceivedAt, d.Body)).ToList());
    }

    /// <summary>202: Wolverine replays it on its durability agent's next pass (seconds), not within this request.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> RetryAsync(Guid id, WolverineQueueOperations operations, ILogger<RetriedCount> logger,
        CancellationToken ct)
    {
        if (!await operations.RetryAsync(id, ct))
            return TypedResults.Problem(detail: $"No dead letter {id}.", statusCode: StatusCodes.Status404NotFound);
        logger.LogInformation("Dead letter {DeadLetterId} marked for replay by an operator", id);
        return TypedResults.Accepted("/api/queue/stats");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DiscardAsync(Guid id, WolverineQueueOperations operations, ILogger<RetriedCount> logger,
        CancellationToken ct)
    {
        if (!await operations.DiscardAsync(id, ct))
            return TypedResults.Problem(detail: $"No dead letter {id}.", statusCode: StatusCodes.Status404NotFound);
        logger.LogInformation("Dead letter {DeadLetterId} discarded by an operator", id);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<RetriedCount>> RetryAllAsync(WolverineQueueOperations operations, ILogger<RetriedCount> logger, string? type, CancellationToken ct)
    {
        var count = await operations.RetryAllAsync(type, ct);
        logger.LogInformation("Operator marked {Count} dead letters of type {MessageType} for replay", count, string.IsNullOrEmpty(type) ? "(all)" : type);
        return TypedResults.Ok(new RetriedCount(count));
    }
}
