using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Dashboard.Operations.Api;

/// <summary>Operator view of the raw archive: list stored deliveries and replay one (re-enqueue it). The work is <see cref="DeliveryArchive"/>'s.</summary>
public static class DeliveriesApi
{
    internal static RouteGroupBuilder MapDeliveriesApi(this RouteGroupBuilder ops)
    {
        ops.MapGet("/api/deliveries", ListAsync).WithName("ListDeliveries");
        ops.MapPost("/api/deliveries/{id:long}/replay", ReplayAsync).WithName("ReplayDelivery");
        return ops;
    }

    /// <summary>
    /// Newest arrival first; <paramref name="before"/> is the <c>cursor</c> of the last delivery of the previous page (or,
    /// the earlier form, that delivery's id while it exists). A <c>before</c> that names no place is a 400, not an empty page.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<DeliverySummary>>, ProblemHttpResult>> ListAsync(DeliveryArchive archive, string? platform,
        string? status, string? before, int limit = 50, CancellationToken ct = default) =>
        await archive.ListAsync(platform, status, before, limit, ct) is { } list
            ? TypedResults.Ok(list)
            : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail:
                "`before` is neither a delivery's `cursor` nor the id of a stored delivery (retention may have deleted it); page with `cursor`.");

    public static async Task<Results<Accepted, NotFound>> ReplayAsync(long id, DeliveryArchive archive, CancellationToken ct) =>
        await archive.ReplayAsync(id, ct) ? TypedResults.Accepted($"{OpsApi.ApiPrefix}/deliveries/{id}") : TypedResults.NotFound();
}
