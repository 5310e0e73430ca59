using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.Transports;

/// <summary>Whether <see cref="SendRequest.Recipient"/> is a customer id or a comment id (private reply).</summary>
public enum RecipientKind
{
    User,
    Comment,
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
public sealed record SendRequest(
    ChannelPlatform Platform,
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
