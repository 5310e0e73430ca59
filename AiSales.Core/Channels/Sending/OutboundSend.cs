using AiSales.Core.Inbound;

namespace AiSales.Core.Channels.Sending;

/// <summary>Whether <see cref="OutboundSend.Recipient"/> is a customer id or a comment id (private reply).</summary>
public enum RecipientKind
{
    User,
    Comment,
}

/// <summary>
/// How the message may be sent. The window planner picks it; adapters only translate it to the wire:
/// Response = inside the 24 h window; HumanAgent = Messenger/IG HUMAN_AGENT tag (7 days, humans only);
/// PrivateReply = reply to a comment (recipient.comment_id); Template = WhatsApp template;
/// CommentReply = a PUBLIC reply under the comment (Instagram <c>POST /{comment-id}/replies</c>, Facebook Page
/// <c>POST /{comment-id}/comments</c>), with <see cref="OutboundSend.Recipient"/> = the comment id.
/// </summary>
public enum MessagingType
{
    Response,
    HumanAgent,
    PrivateReply,
    Template,
    CommentReply,
}

/// <summary>A WhatsApp template: name, language code and the body parameters in order (named when ParameterNames is given).</summary>
public sealed record WhatsAppTemplate(
    string Name,
    string LanguageCode,
    IReadOnlyList<string> BodyParameters,
    IReadOnlyList<string>? ParameterNames = null);

/// <summary>
/// One message to send, as plain data (the ledger row is mapped to this by the caller).
/// <see cref="IdempotencyKey"/> goes out as Messenger/Instagram <c>metadata</c>, which Meta echoes back
/// on the <c>is_echo</c> webhook, so an echo can be matched to its ledger row even when the send's
/// HTTP answer was lost (see <see cref="SendResult.OutcomeUnknown"/>).
/// </summary>
public sealed record OutboundSend(
    MetaPlatform Platform,
    ChannelProvider Provider,
    string AccountExternalId,
    string Recipient,
    string? Text,
    string IdempotencyKey,
    MessagingType MessagingType = MessagingType.Response,
    RecipientKind RecipientKind = RecipientKind.User,
    string? AttachmentUrl = null,
    string AttachmentType = "image",
    WhatsAppTemplate? Template = null,
    string? ReplyToExternalId = null,
    ProductShowcase? Showcase = null);
