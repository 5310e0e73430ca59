using AiSales.Core.Audit;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Sending.Windows;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiSales.Core.Shop;

/// <summary>What a status change did (the dashboard and the staff assistant each say it in their words).</summary>
public enum OrderStatusChange
{
    Changed,
    NotFound,
    NotAllowed,
    OutOfStock,
    /// <summary>The order already had that status: nothing to do (a repeated command, a retried job).</summary>
    AlreadyThere,
}

/// <summary>
/// Moving an order along (<see cref="OrderStatusFlow"/>). The status, the stock it takes or gives back and the audit row
/// commit in one transaction, with the order row locked: two people cancelling at once return the stock once, and a
/// confirm that finds too little stock changes nothing (stock never goes below zero).
/// A shipped or delivered order is told to the customer (<see cref="OrderStatusNotice"/>): decided in the transaction,
/// queued once it has committed.
/// </summary>
public sealed class OrderStatusChanger(MerchantData data, TimeProvider clock, WindowPlanner planner, OutboundMessageQueue outbound,
    ILogger<OrderStatusChanger> logger)
{
    public Task<OrderStatusChange> ChangeAsync(ShopActor actor, Guid orderId, OrderStatus to, CancellationToken ct = default) =>
        data.RunForAsync(actor.MerchantId, async (db, merchantId) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var order = await db.Orders.FromSql($"SELECT * FROM orders WHERE id = {orderId} AND merchant_id = {merchantId} FOR UPDATE")
                .FirstOrDefaultAsync(ct);
            if (order is null) return OrderStatusChange.NotFound;
            var from = order.Status;
            if (from == to) return OrderStatusChange.AlreadyThere;
            if (!OrderStatusFlow.CanMove(from, to)) return OrderStatusChange.NotAllowed;

            var now = clock.GetUtcNow();
            // Per product, not per line: two lines of one product (sizes) move its stock in one statement.
            var lines = await db.OrderItems.Where(i => i.OrderId == orderId && i.MerchantId == merchantId && i.ProductId != null)
                .GroupBy(i => i.ProductId!.Value).Select(g => new { ProductId = g.Key, Quantity = g.Sum(i => i.Quantity) }).ToListAsync(ct);
            var takes = !OrderStatusFlow.HoldsStock(from) && OrderStatusFlow.HoldsStock(to);
            var returns = OrderStatusFlow.GivesBackStock(from, to);
            var moved = new List<object>();
            foreach (var line in lines)
            {
                var (productId, quantity) = (line.ProductId, line.Quantity);
                int changed;
                if (takes)
                    changed = await db.Products.Where(p => p.Id == productId && p.MerchantId == merchantId && p.Stock >= quantity)
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - quantity).SetProperty(p => p.UpdatedAt, now), ct);
                else if (returns)
                    changed = await db.Products.Where(p => p.Id == productId && p.MerchantId == merchantId)
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + quantity).SetProperty(p => p.UpdatedAt, now), ct);
                else continue;
                if (changed == 1) moved.Add(new { product_id = productId, quantity = takes ? -quantity : quantity });
                // Short of stock: roll everything back (the transaction is disposed uncommitted).
                else if (takes && await db.Products.AnyAsync(p => p.Id == productId && p.MerchantId == merchantId, ct))
                {
                    logger.LogInformation("Order {OrderId} not confirmed: product {ProductId} has less than {Quantity} in stock", orderId, productId, quantity);
                    return OrderStatusChange.OutOfStock;
                }
                // A product deleted since the order: nothing to take from or give back to.
            }

            order.Status = to;
            order.UpdatedAt = now;
            var notice = OrderStatusNotice.Tells(to) ? await OrderStatusNotice.PlanAsync(db, order, to, planner, now, ct) : null;
            new AuditLog(db).Add(merchantId, actor.UserId, AuditActions.OrderStatusChanged, "order", orderId.ToString(),
                new { from = EnumText<OrderStatus>.ToText(from), to = EnumText<OrderStatus>.ToText(to), stock = moved, via = actor.Via, customer = notice?.Outcome,
                    template = notice?.Template?.Name, template_problem = notice?.TemplateProblem });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (notice is { Text: not null, ConversationId: not null })
                await TellCustomerAsync(merchantId, notice, orderId, actor, ct);
            logger.LogInformation("Order {OrderId} moved from {From} to {To} by {UserId} via {Via} ({StockLines} stock lines)",
                orderId, from, to, actor.UserId, actor.Via, moved.Count);
            return OrderStatusChange.Changed;
        }, ct);

    private async Task TellCustomerAsync(Guid merchantId, OrderNotice notice, Guid orderId, ShopActor actor, CancellationToken ct)
    {
        try
        {
            await outbound.QueueAsync(new OutboundDraft(merchantId, notice.ConversationId!.Value, notice.Text!, MessageAuthor.Ai, actor.UserId,
                notice.Template is null ? MessagingType.Response : MessagingType.Template,
                notice.Template is null ? MessageKind.Text : MessageKind.Template, Template: notice.Template), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The status is committed; the notice is a courtesy. The order page still shows the new status.
            logger.LogError(ex, "Order {OrderId}: the customer could not be told of the new status", orderId);
        }
    }
}
