namespace AiSales.Core.Persistence.Entities;

/// <summary>
/// An order a customer placed: in the chat (the assistant collected it and the customer confirmed), from the dashboard
/// or through the merchant API. Amounts are whole Iraqi dinars, copied from the catalog and the merchant's delivery
/// terms when the order was placed.
/// </summary>
public class Order
{
    public Guid Id { get; set; }
    /// <summary>The merchant's order number (1001, 1002 …): what staff type and customers are told.</summary>
    public long Number { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ContactId { get; set; }
    public Guid? ConversationId { get; set; }
    public OrderStatus Status { get; set; } = OrderStatus.Pending;
    public string? CustomerName { get; set; }
    /// <summary>Governorate key as in lead data (Baghdad, Basra, ...).</summary>
    public string? Governorate { get; set; }
    public string? City { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public long ItemsTotalIqd { get; set; }
    public long DeliveryFeeIqd { get; set; }
    public long TotalIqd { get; set; }
    public OrderSource Source { get; set; } = OrderSource.Chat;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>One line of an order: a product (name, SKU and price as they were when ordered), quantity and variant.</summary>
public class OrderItem
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid MerchantId { get; set; }
    public Guid? ProductId { get; set; }
    public string ProductName { get; set; } = "";
    public string? Sku { get; set; }
    public int Quantity { get; set; } = 1;
    public string? Size { get; set; }
    public string? Colour { get; set; }
    public long UnitPriceIqd { get; set; }
}

public enum OrderStatus
{
    Pending,
    Confirmed,
    Shipped,
    Delivered,
    Cancelled,
    /// <summary>Delivered, then brought back by the customer: its items are back in stock, its revenue no longer counts.</summary>
    Returned,
}

public enum OrderSource
{
    Chat,
    Dashboard,
    Api,
}

/// <summary>Arabic grammatical gender of a product's name: "سعرها" for a feminine noun.</summary>
public enum GrammaticalGender
{
    Masculine,
    Feminine,
}
