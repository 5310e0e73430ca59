namespace AiSales.Core.Replies.Offline;

/// <summary>How the merchant wants to sound. Plain drops emoji for shops that find them too casual.</summary>
public enum ReplyTone
{
    Warm,
    Plain,
}

/// <param name="MessageText">The customer's text; a burst of several messages may be joined with new lines.</param>
/// <param name="MerchantName">The shop's name as the customer knows it in Arabic (English replies use <paramref name="MerchantNameEn"/> when set).</param>
/// <param name="State">What the conversation established so far (product in focus, the order being collected); null = a new chat.</param>
/// <param name="TeamBackAt">Null while the merchant's team is at work; otherwise when it is back ("السبت 10:00"), said on a hand-off.</param>
/// <param name="Media">What the burst carried besides text: photos, voice notes, stickers, pins, contact cards…</param>
public sealed record OfflineRequest(
    string MessageText,
    IReadOnlyList<CatalogItem> Catalog,
    string MerchantName,
    Persistence.Entities.SalesState? State = null,
    DeliveryOptions? Delivery = null,
    ReplyTone Tone = ReplyTone.Warm,
    string? MerchantNameEn = null,
    TeamHours? TeamBackAt = null,
    IReadOnlyList<CustomerMedia>? Media = null);

/// <summary>When the merchant's team is next at work, in both languages.</summary>
public sealed record TeamHours(string Arabic, string English);

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
