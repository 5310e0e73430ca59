using AiSales.Core.Persistence.Entities;

namespace AiSales.Dashboard.Inbox;

public sealed record InboxFilter(ChannelPlatform? Channel = null, ConversationOwner? Owner = null, bool UnreadOnly = false,
    LeadStage? Stage = null, bool NeedsAttentionOnly = false);

public sealed record ConversationRow(Guid Id, ChannelPlatform Platform, string ContactName, ConversationOwner Owner, int Unread,
    bool NeedsAttention, LeadStage Stage, LeadLabel Label, DateTimeOffset? LastMessageAt, string? Preview);

public sealed record ThreadView(Conversation Conversation, Contact Contact, ChannelPlatform Platform, IReadOnlyList<Message> Messages,
    IReadOnlyList<LeadActivity> Activities);

public sealed record TodayNumbers(int NewConversations, int MessagesIn, int MessagesOut, int NeedsAttention);
