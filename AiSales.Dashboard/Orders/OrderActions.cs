using AiSales.Core.Persistence.Entities;
using AiSales.Core.Shop;
using AiSales.Core.Tenancy;

namespace AiSales.Dashboard.Orders;

/// <summary>The signed-in member moving an order along: the shop's one code path (<see cref="OrderStatusChanger"/>).</summary>
public sealed class OrderActions(OrderStatusChanger changer, ICurrentMerchant current)
{
    public Task<OrderStatusChange> ChangeStatusAsync(Guid orderId, OrderStatus to, CancellationToken ct = default) =>
        changer.ChangeAsync(new ShopActor(current.RequireMerchantId(), current.UserId), orderId, to, ct);
}
