using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Dashboard.Operations.Api;

/// <summary>List, replay and discard Wolverine's dead letters (under /ops/api/queue, next to <see cref="QueueApi"/>).</summary>
public static class DeadLettersApi
{
    public const string TotalCountHeader = "X-Total-Count";

    internal static RouteGroupBuilder MapDeadLettersApi(this RouteGroupBuilder ops)
    {
        ops.MapGet("/api/queue/dead-letters", ListAsync).WithName("ListDeadLetters");
        ops.MapPost("/api/queue/dead-letters/{id:guid}/retry", RetryAsync).WithName("RetryDeadLetter");
        ops.MapDelete("/api/queue/dead-letters/{id:guid}", DiscardAsync).WithName("DiscardDeadLetter");
        ops.MapPost("/api/queue/retry-failed", RetryAllAsync).WithName("RetryAllDeadLetters");
        return ops;
    }

    /// <summary>Wolverine's first page (its order), newest failure first within it; the total is in <see cref="TotalCountHeader"/>.</summary>
    public static async Task<Ok<IReadOnlyList<DeadLetterView>>> ListAsync(OperatorConsole console, HttpResponse response, string? type,
        int limit = 50, CancellationToken ct = default)
    {
        var list = await console.DeadLettersAsync(type, limit, ct);
        response.Headers[TotalCountHeader] = list.TotalCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(list.Items);
    }

    /// <summary>202: Wolverine replays it on its durability agent's next pass (seconds), not within this request.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> RetryAsync(Guid id, OperatorConsole console, CancellationToken ct) =>
        await console.RetryDeadLetterAsync(id, ct)
            ? TypedResults.Accepted($"{OpsApi.ApiPrefix}/queue/stats")
            : TypedResults.Problem(detail: $"No dead letter {id}.", statusCode: StatusCodes.Status404NotFound);

    public static async Task<Results<NoContent, ProblemHttpResult>> DiscardAsync(Guid id, OperatorConsole console, CancellationToken ct) =>
        await console.DiscardDeadLetterAsync(id, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(detail: $"No dead letter {id}.", statusCode: StatusCodes.Status404NotFound);

    public static async Task<Ok<RetriedCount>> RetryAllAsync(OperatorConsole console, string? type, CancellationToken ct) =>
        TypedResults.Ok(new RetriedCount(await console.RetryAllDeadLettersAsync(type, ct)));
}
