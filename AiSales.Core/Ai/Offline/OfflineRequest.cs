namespace AiSales.Core.Ai.Offline;

/// <summary>How the merchant wants to sound. Plain drops emoji for shops that find them too casual.</summary>
public enum ReplyTone
{
    Warm,
    Plain,
}

/// <summary>What the conversation already established; lets "شكد سعره؟" resolve to the product just discussed.</summary>
public sealed record ConversationContext(Guid? LastProductId = null);

/// <param name="MessageText">The customer's text; a burst of several messages may be joined with new lines.</param>
public sealed record OfflineRequest(
    string MessageText,
    IReadOnlyList<CatalogItem> Catalog,
    string MerchantName,
    ConversationContext? Context = null,
    DeliveryOptions? Delivery = null,
    ReplyTone Tone = ReplyTone.Warm);

/// <summary>Delivery fee and time for one governorate (or the default for the rest).</summary>
public sealed record DeliveryTerms(long FeeIqd, int MinDays, int MaxDays);

/// <summary>
/// The merchant's delivery terms. Defaults are common Iraqi courier terms: Baghdad 5,000 IQD in 1–2 days,
/// other governorates 8,000 IQD in 2–3 days, cash on delivery.
/// </summary>
public sealed record DeliveryOptions
{
    public static DeliveryOptions Defaults { get; } = new();

    public DeliveryTerms Default { get; init; } = new(8_000, 2, 3);

    /// <summary>Overrides keyed by <see cref="Governorate.Key"/> (e.g. "Baghdad", "Basra").</summary>
    public IReadOnlyDictionary<string, DeliveryTerms> ByGovernorate { get; init; } =
        new Dictionary<string, DeliveryTerms>(StringComparer.OrdinalIgnoreCase) { ["Baghdad"] = new(5_000, 1, 2) };

    public bool CashOnDelivery { get; init; } = true;

    public DeliveryTerms For(Governorate governorate) =>
        ByGovernorate.TryGetValue(governorate.Key, out var terms) ? terms : Default;
}
