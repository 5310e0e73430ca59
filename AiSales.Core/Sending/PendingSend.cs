using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending;

/// <summary>One outbound message with its ledger row, conversation, contact and channel account, as the send pipeline reads them.</summary>
/// <param name="CommentCreatedAt">Private replies: when the inbound comment was made (null when not stored).</param>
/// <param name="PrivateReplyAlreadySent">Private replies: another private reply to the same comment is sending or sent.</param>
/// <param name="Template">A WhatsApp template a person chose (in the conversation, or for an automatic event).</param>
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
    DateTimeOffset? LastCustomerMessageAt,
    string? LastErrorCode = null,
    DateTimeOffset? CommentCreatedAt = null,
    bool PrivateReplyAlreadySent = false,
    Transports.WhatsAppTemplate? Template = null,
    Transports.ProductShowcase? Showcase = null);
