using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;

namespace AiSales.Core.Replies;

/// <summary>One earlier message of the conversation, as the model sees it.</summary>
public sealed record ConversationTurn(MessageAuthor Author, string Text);

/// <summary>
/// Everything one reply is generated from. The handler builds it from the database; the engine does no I/O
/// besides the model call.
/// </summary>
/// <param name="RecentMessages">The last ~10 messages before the burst, oldest first (the burst itself is
/// <paramref name="CustomerText"/>, not repeated here).</param>
/// <param name="CustomerText">The customer's messages since the last reply, joined with new lines.</param>
/// <param name="Catalog">Active products (the engine only ever shows the model the best matches).</param>
/// <param name="State">What the conversation established: the product in focus ("شكد سعره؟" resolves to it), the order being collected.</param>
/// <param name="Delivery">The merchant's delivery terms; fees are the only non-product prices a reply may quote.</param>
/// <param name="MerchantNameEn">The shop's name in English replies (MerchantName is the Arabic one).</param>
/// <param name="TeamBackAt">Null while the merchant's team is at work; else when it is back (said on a hand-off).</param>
/// <param name="Media">The burst's photos, voice notes, stickers, pins and contact cards (a caption is in the text).</param>
public sealed record ReplyContext(
    Guid MerchantId,
    string MerchantName,
    MerchantAiSettings Settings,
    IReadOnlyList<ConversationTurn> RecentMessages,
    string CustomerText,
    IReadOnlyList<CatalogItem> Catalog,
    ChannelPlatform Platform,
    SalesState? State = null,
    DeliveryOptions? Delivery = null,
    string? MerchantNameEn = null,
    TeamHours? TeamBackAt = null,
    IReadOnlyList<CustomerMedia>? Media = null)
{
    /// <summary>Something to answer: text, or a photo, pin, voice note… since the last reply.</summary>
    public bool HasSomethingToAnswer => !string.IsNullOrWhiteSpace(CustomerText) || Media is { Count: > 0 };
}
