using AiSales.Core.Ai.Offline;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Ai.Replies;

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
/// <param name="LastProductId">The product the conversation was last about ("شكد سعره؟" resolves to it).</param>
/// <param name="Delivery">The merchant's delivery terms; fees are the only non-product prices a reply may quote.</param>
public sealed record ReplyContext(
    Guid MerchantId,
    string MerchantName,
    MerchantAiSettings Settings,
    IReadOnlyList<ConversationTurn> RecentMessages,
    string CustomerText,
    IReadOnlyList<CatalogItem> Catalog,
    ChannelPlatform Platform,
    Guid? LastProductId = null,
    DeliveryOptions? Delivery = null);
