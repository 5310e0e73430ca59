using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Shop;

/// <summary>
/// Where an order may go next: pending → confirmed → shipped → delivered → returned, and cancelled from any state before
/// delivery. One table for the page's buttons and for the action that enforces it, so they can never disagree.
/// </summary>
public static class OrderStatusFlow
{
    public static readonly OrderStatus[] All = [OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Cancelled, OrderStatus.Returned];

    public static IReadOnlyList<OrderStatus> Next(OrderStatus from) => from switch
    {
        OrderStatus.Pending => [OrderStatus.Confirmed, OrderStatus.Cancelled],
        OrderStatus.Confirmed => [OrderStatus.Shipped, OrderStatus.Cancelled],
        OrderStatus.Shipped => [OrderStatus.Delivered, OrderStatus.Cancelled],
        OrderStatus.Delivered => [OrderStatus.Returned],
        _ => [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Next(from).Contains(to);

    public static bool IsFinal(OrderStatus status) => status is OrderStatus.Cancelled or OrderStatus.Returned;

    /// <summary>
    /// The order has taken its items out of stock: the Worker decrements stock when the customer confirms in the chat
    /// (the order starts confirmed), and confirming a pending order here does the same. Until it is delivered the goods
    /// are still the shop's, so cancelling gives them back; a pending order never took any.
    /// </summary>
    public static bool HoldsStock(OrderStatus status) => status is OrderStatus.Confirmed or OrderStatus.Shipped;

    /// <summary>Moving from → to puts the items back in stock: cancelling before delivery, or a delivered order returned.</summary>
    public static bool GivesBackStock(OrderStatus from, OrderStatus to) =>
        (HoldsStock(from) && !HoldsStock(to)) || (from == OrderStatus.Delivered && to == OrderStatus.Returned);
}
