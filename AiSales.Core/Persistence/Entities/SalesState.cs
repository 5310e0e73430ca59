namespace AiSales.Core.Persistence.Entities;

/// <summary>
/// What a conversation has established so far (conversations.sales_state, jsonb): the product in focus, the variant
/// and quantity the customer chose for it, the order being collected and the delivery details. Read and written whole
/// by the reply path; it survives restarts and hand-offs because it lives with the conversation.
/// </summary>
public class SalesState
{
    /// <summary>The product the conversation is about: the last one the customer named or a reply quoted.</summary>
    public Guid? FocusProductId { get; set; }
    /// <summary>Size, colour and quantity chosen for the product in focus, before it is in the cart.</summary>
    public string? Size { get; set; }
    public string? Colour { get; set; }
    public int? Quantity { get; set; }

    /// <summary>The items of the order being collected.</summary>
    public List<CartLine> Cart { get; set; } = [];

    /// <summary>Governorate key (Baghdad, Basra, ...).</summary>
    public string? Governorate { get; set; }
    public string? City { get; set; }
    public string? Address { get; set; }
    /// <summary>Iraqi mobile in 07XXXXXXXXX form.</summary>
    public string? Phone { get; set; }
    public string? CustomerName { get; set; }

    public SalesStep Step { get; set; } = SalesStep.Browsing;
    /// <summary>The order this conversation last ended in.</summary>
    public Guid? LastOrderId { get; set; }
    /// <summary>Consecutive customer turns the assistant could not understand (two in a row hand off).</summary>
    public int UnclearTurns { get; set; }
    /// <summary>Set when the assistant handed the chat to a person; later turns do not announce it again.</summary>
    public bool HandedOff { get; set; }
    /// <summary>The products offered as a choice last turn: a detail only one of them has picks it.</summary>
    public List<Guid> Choices { get; set; } = [];
    /// <summary>Customer photos in a row that matched no product photo: the second one hands the chat to a person.</summary>
    public int PhotoMisses { get; set; }
    /// <summary>The language of the conversation ("ar", "en"): "ok" or "👍" alone keeps it.</summary>
    public string? Language { get; set; }
}

/// <summary>One item of the order being collected.</summary>
public class CartLine
{
    public Guid ProductId { get; set; }
    public int Quantity { get; set; } = 1;
    public string? Size { get; set; }
    public string? Colour { get; set; }
}

/// <summary>Where the sale stands.</summary>
public enum SalesStep
{
    /// <summary>Asking about products; no order started.</summary>
    Browsing,
    /// <summary>The customer wants to buy: the assistant collects what is missing.</summary>
    Collecting,
    /// <summary>Everything is known; the summary was sent and the customer's yes is awaited.</summary>
    Confirming,
    /// <summary>The order was placed (<see cref="SalesState.LastOrderId"/>).</summary>
    Ordered,
}
