using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Postgresql;

namespace AiSales.Webhooks.Apis;

/// <summary>List, replay and discard dead-lettered messages (mounted under /api/queue by <see cref="QueueApi"/>).</summary>
public static class DeadLettersApi
{
    public sealed record DeadLetterView(Guid Id, Guid OriginalId, string MessageType, string ExceptionType, string ExceptionMessage,
        int Attempts, DateTimeOffset FailedAt, bool Replayable, string Body);

    public sealed record RetriedCount(int Retried);

    internal static RouteGroupBuilder MapDeadLettersApi(this RouteGroupBuilder queue)
    {
        queue.MapGet("/dead-letters", ListAsync).WithName("ListDeadLetters");
        queue.MapPost("/dead-letters/{id:guid}/retry", RetryAsync).WithName("RetryDeadLetter");
        queue.MapDelete("/dead-letters/{id:guid}", DiscardAsync).WithName("DiscardDeadLetter");
        queue.MapPost("/retry-failed", RetryAllAsync).WithName("RetryAllDeadLetters");
        return queue;
    }

    public static async Task<Ok<List<DeadLetterView>>> ListAsync(IDeadLetters deadLetters, string? type, int limit = 50, CancellationToken ct = default)
    {
        var list = await deadLetters.ListAsync(string.IsNullOrEmpty(type) ? null : type, Math.Clamp(limit, 1, 500), ct);
        return TypedResults.Ok(list.Select(d => new DeadLetterView(d.Id, d.OriginalId, d.MessageType, d.ExceptionType, d.ExceptionMessage,
            d.Attempts, d.FailedAt, d.Replayable, d.Body)).ToList());
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> RetryAsync(Guid id, IDeadLetters deadLetters, ILogger<RetriedCount> logger, CancellationToken ct)
    {
        if (!await deadLetters.RetryAsync(id, ct))
            return TypedResults.Problem(detail: $"No replayable dead letter {id}.", statusCode: StatusCodes.Status404NotFound);
        logger.LogInformation("Dead letter {DeadLetterId} retried by an operator", id);
        return TypedResults.Accepted("/api/queue/stats");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DiscardAsync(Guid id, IDeadLetters deadLetters, ILogger<RetriedCount> logger, CancellationToken ct)
    {
        if (!await deadLetters.DiscardAsync(id, ct))
            return TypedResults.Problem(detail: $"No dead letter {id}.", statusCode: StatusCodes.Status404NotFound);
        logger.LogInformation("Dead letter {DeadLetterId} discarded by an operator", id);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<RetriedCount>> RetryAllAsync(IDeadLetters deadLetters, ILogger<RetriedCount> logger, string? type, CancellationToken ct)
    {
        var count = await deadLetters.RetryAllAsync(string.IsNullOrEmpty(type) ? null : type, ct);
        logger.LogInformation("Operator retried {Count} dead letters of type {MessageType}", count, type ?? "(all)");
        return TypedResults.Ok(new RetriedCount(count));
    }
}
