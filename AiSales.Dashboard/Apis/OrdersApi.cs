using System.Security.Claims;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Apis;

/// <summary>Orders of the key's merchant (taken in the chat, the dashboard or the API), read-only: list and one with its items.</summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");
        orders.MapGet("/", ListAsync).WithName("ListOrders")
            .WithSummary("Orders, newest first; filter by status (pending|confirmed|shipped|delivered|cancelled) and contact_id.");
        orders.MapGet("/{id:guid}", GetAsync).WithName("GetOrder").WithSummary("One order with its items, amounts and delivery details.");
        return api;
    }

    public static async Task<Results<Ok<PagedResult<OrderDto>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, AiSalesDbContext db, string? status, [FromQuery(Name = "contact_id")] string? contactId,
        int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        MerchantApiRequest.TryFilter<OrderStatus>(status, "status", errors, out var statusFilter);
        // Parsed here rather than bound as Guid?: a malformed id gets the same validation problem as a bad status.
        Guid? contactFilter = null;
        if (!string.IsNullOrWhiteSpace(contactId))
        {
            if (Guid.TryParse(contactId.Trim(), out var c)) contactFilter = c;
            else errors["contact_id"] = [$"'{contactId}' is not a contact id (a UUID)."];
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var merchantId = user.MerchantId();
        var (p, size) = MerchantApiRequest.Paging(page, pageSize);
        var query = db.Orders.AsNoTracking().Where(o => o.MerchantId == merchantId);
        if (statusFilter is { } s) query = query.Where(o => o.Status == s);
        if (contactFilter is { } k) query = query.Where(o => o.ContactId == k);

        var total = await query.CountAsync(ct);
        var orders = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var ids = orders.Select(o => o.Id).ToList();
        var items = (await db.OrderItems.AsNoTracking().Where(i => i.MerchantId == merchantId && ids.Contains(i.OrderId)).ToListAsync(ct))
            .OrderBy(i => i.Id).ToLookup(i => i.OrderId);
        return TypedResults.Ok(new PagedResult<OrderDto>([.. orders.Select(o => OrderDto.From(o, items[o.Id]))], p, size, total));
    }

    public static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, AiSalesDbContext db, CancellationToken ct)
    {
        var merchantId = user.MerchantId();
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.MerchantId == merchantId, ct);
        if (order is null)
            return MerchantApiRequest.NotFound("order");
        var items = await db.OrderItems.AsNoTracking().Where(i => i.OrderId == id && i.MerchantId == merchantId).OrderBy(i => i.Id).ToListAsync(ct);
        return TypedResults.Ok(OrderDto.From(order, items));
    }
}
