using AiSales.Core.Persistence.Entities;

namespace AiSales.Dashboard.Orders;

/// <summary>One line of the orders list.</summary>
public sealed record OrderRow(Guid Id, long Number, DateTimeOffset CreatedAt, OrderStatus Status, string CustomerName, string? Phone, string? Governorate,
    string? City, long TotalIqd, IReadOnlyList<OrderItemSummary> Items);

public sealed record OrderItemSummary(string ProductName, int Quantity);

/// <summary>A page of the list plus how many orders each status has (the filter shows them).</summary>
public sealed record OrderListPage(IReadOnlyList<OrderRow> Rows, int Page, int PageSize, int Total, IReadOnlyDictionary<OrderStatus, int> CountByStatus)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>An order with its lines, who placed it and what was done to it (the audit rows of its status changes).</summary>
public sealed record OrderDetail(Order Order, IReadOnlyList<OrderItem> Items, string ContactName, ChannelPlatform? Platform,
    Guid? ContactConversationId, IReadOnlyList<OrderHistoryEntry> History);

public sealed record OrderHistoryEntry(DateTimeOffset At, string? From, string? To, string Actor);

/// <summary>An order as the contact panel lists it.</summary>
public sealed record ContactOrder(Guid Id, OrderStatus Status, long TotalIqd, DateTimeOffset CreatedAt);
