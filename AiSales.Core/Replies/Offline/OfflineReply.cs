namespace AiSales.Core.Replies.Offline;

/// <summary>The responder's answer plus everything the lead pipeline and the hand-off logic need.</summary>
public sealed record OfflineReply(
    string Text,
    CustomerIntent Intent,
    IReadOnlyList<CustomerIntent> Intents,
    IReadOnlyList<Guid> ProductIds,
    IReadOnlyList<string> LeadSignals,
    Governorate? Governorate,
    bool Handoff,
    string? HandoffReason,
    double Confidence,
    CustomerScript Script,
    IReadOnlyList<IntentCue> Cues,
    Persistence.Entities.SalesState State,
    PlacedOrder? Order = null,
    string? ImageUrl = null);

/// <summary>An order the customer just confirmed: every amount from the catalog and the delivery terms.</summary>
public sealed record PlacedOrder(
    IReadOnlyList<PlacedOrderLine> Lines,
    string Governorate,
    string? City,
    string? Address,
    string Phone,
    string? CustomerName,
    long ItemsTotalIqd,
    long DeliveryFeeIqd)
{
    public long TotalIqd => ItemsTotalIqd + DeliveryFeeIqd;
}

public sealed record PlacedOrderLine(Guid ProductId, string ProductName, string? Sku, int Quantity, string? Size, string? Colour, long UnitPriceIqd);

/// <summary>Lead signal names (stable strings: they end up in lead-score reasons and analytics).</summary>
public static class LeadSignal
{
    public const string Greeting = "greeting";
    public const string PriceAsked = "price_asked";
    public const string AvailabilityAsked = "availability_asked";
    public const string VariantAsked = "variant_asked";
    public const string DeliveryAsked = "delivery_asked";
    public const string OrderIntent = "order_intent";
    public const string Governorate = "governorate";
    public const string PhoneGiven = "phone_given";
    public const string Complaint = "complaint";
    public const string WantsHuman = "wants_human";
    public const string Thanks = "thanks";
    public const string ProductMatched = "product_matched";
    public const string OutOfStock = "out_of_stock";
    public const string OrderPlaced = "order_placed";
}

/// <summary>Why a conversation should go to a person.</summary>
public static class HandoffReason
{
    public const string WantsHuman = "wants_human";
    public const string Complaint = "complaint";
    public const string ReturnOrExchange = "return_or_exchange";
    public const string NotUnderstood = "not_understood";
    /// <summary>The customer asked to see a product the catalog has no photo of: a person sends one.</summary>
    public const string PhotoWanted = "photo_wanted";
    public const string OrderChange = "order_change";
    /// <summary>A WhatsApp cart whose items none match a SKU of ours: a person checks the catalog against the cart.</summary>
    public const string CartNotInCatalog = "cart_not_in_catalog";
    /// <summary>The customer sent photos again that match none of the catalog's product photos: a person looks at them.</summary>
    public const string PhotoNotMatched = "photo_not_matched";
}
