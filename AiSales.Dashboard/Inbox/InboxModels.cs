using AiSales.Core.Conversations;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Dashboard.Inbox;

public sealed record InboxFilter(ChannelPlatform? Channel = null, ConversationOwner? Owner = null, bool UnreadOnly = false,
    LeadStage? Stage = null, bool NeedsAttentionOnly = false);

public sealed record ConversationRow(Guid Id, ChannelPlatform Platform, string ContactName, ConversationOwner Owner, int Unread,
    bool NeedsAttention, LeadStage Stage, LeadLabel Label, DateTimeOffset? LastMessageAt, string? Preview, string? AttentionReason = null);

/// <param name="Sale">The order the assistant is collecting in this conversation, with product names (null when none).</param>
public sealed record ThreadView(Conversation Conversation, Contact Contact, ChannelPlatform Platform, IReadOnlyList<Message> Messages,
    IReadOnlyList<LeadActivity> Activities, SaleView? Sale = null)
{
    /// <summary>
    /// The assistant handed the chat to a person and nobody from the shop has written since, so it keeps answering the
    /// customer (the same rule as OwnershipRules.AwaitingPersonSql, which the Worker applies).
    /// </summary>
    public bool AwaitingPerson => Handoff.AwaitingPerson(Conversation);
}

/// <summary>What the conversation's sales_state says about the sale, ready to show.</summary>
/// <param name="InProgress">The assistant is collecting or confirming an order (the "order in progress" block).</param>
public sealed record SaleView(SalesStep Step, bool InProgress, IReadOnlyList<SaleLine> Lines, string? Governorate, string? City,
    string? Address, string? Phone, string? CustomerName, Guid? LastOrderId);

/// <param name="ProductName">Null when the product is no longer in the catalog.</param>
public sealed record SaleLine(Guid ProductId, string? ProductName, string? ProductNameEn, int Quantity, string? Size, string? Colour);

public sealed record TodayNumbers(int NewConversations, int MessagesIn, int MessagesOut, int NeedsAttention);
