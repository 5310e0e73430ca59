using AiSales.Core.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Dashboard.Operations.Api;

/// <summary>Events for accounts no merchant has connected: list newest first, mark resolved once handled.</summary>
public static class UnroutableApi
{
    internal static RouteGroupBuilder MapUnroutableApi(this RouteGroupBuilder ops)
    {
        ops.MapGet("/api/unroutable", ListAsync).WithName("ListUnroutable");
        ops.MapPost("/api/unroutable/{id:guid}/resolve", ResolveAsync).WithName("ResolveUnroutable");
        return ops;
    }

    public static async Task<Ok<IReadOnlyList<UnroutableEvent>>> ListAsync(OperatorConsole console, int limit = 50, bool includeResolved = false,
        CancellationToken ct = default) =>
        TypedResults.Ok(await console.UnroutableAsync(limit, includeResolved, ct));

    /// <summary>204 also for an event already resolved (idempotent); 404 only for one that does not exist.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> ResolveAsync(Guid id, OperatorConsole console, CancellationToken ct) =>
        await console.ResolveUnroutableAsync(id, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(detail: $"No unroutable event {id}.", statusCode: StatusCodes.Status404NotFound);
}
