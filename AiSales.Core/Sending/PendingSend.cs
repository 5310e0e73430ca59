using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending;

/// <summary>One outbound message with its ledger row, conversation, contact and channel account, as the send pipeline reads them.</summary>
public sealed record PendingSend(
    Guid MessageId,
    Guid MerchantId,
    Guid ConversationId,
    Guid ChannelAccountId,
    MessageAuthor Author,
    string? Text,
    string? AttachmentUrl,
    string? AttachmentType,
    string? CommentId,
    string? ReplyToExternalId,
    MessageStatus MessageStatus,
    Guid LedgerId,
    string IdempotencyKey,
    SendState State,
    int Attempts,
    MessagingType MessagingType,
    string EndpointClass,
    string? ExternalMessageId,
    DateTimeOffset LedgerUpdatedAt,
    ChannelPlatform Platform,
    ChannelProvider Provider,
    string AccountExternalId,
    ChannelStatus ChannelStatus,
    byte[]? AccessTokenEncrypted,
    string ChannelSettings,
    string ContactExternalId,
    DateTimeOffset? LastCustomerMessageAt);
