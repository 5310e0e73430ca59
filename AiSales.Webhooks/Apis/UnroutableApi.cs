using AiSales.Core.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Webhooks.Apis;

/// <summary>Events for accounts no merchant has connected: list newest first, mark resolved once handled.</summary>
public static class UnroutableApi
{
    public static RouteGroupBuilder MapUnroutableApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/unroutable").WithTags("Operations").RequireOpsKey();
        api.MapGet("/", ListAsync).WithName("ListUnroutable");
        api.MapPost("/{id:guid}/resolve", ResolveAsync).WithName("ResolveUnroutable");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<UnroutableEvent>>> ListAsync(OperationsStore store, int limit = 50, bool includeResolved = false,
        CancellationToken ct = default) =>
        TypedResults.Ok(await store.ListUnroutableAsync(limit, includeResolved, ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> ResolveAsync(Guid id, OperationsStore store, ILogger<UnroutableEvent> logger, CancellationToken ct)
    {
        if (!await store.ResolveUnroutableAsync(id, ct))
            return TypedResults.Problem(detail: $"No unroutable event {id}.", statusCode: StatusCodes.Status404NotFound);
        logger.LogInformation("Unroutable event {UnroutableId} resolved by an operator", id);
        return TypedResults.NoContent();
    }
}
