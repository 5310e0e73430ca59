namespace AiSales.Core.Inbound.Events;

/// <summary>
/// A customer message (kinds Message, QuickReply, StoryReply, StoryMention). <see cref="EchoEvent"/> derives
/// from it, so test the kind (or match EchoEvent first) when echoes must be told apart.
/// </summary>
public record MessageEvent : InboundEvent
{
    public string? Text { get; init; }
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];
    /// <summary>mid/wamid this message replies to (IG inline reply, WA context.id).</summary>
    public string? ReplyToMid { get; init; }
    public InboundStoryRef? Story { get; init; }
    public string? QuickReplyPayload { get; init; }
    public InboundReferral? Referral { get; init; }
    public string? StickerId { get; init; }
    public InboundLocation? Location { get; init; }
    /// <summary>Raw JSON of shared contacts (WhatsApp <c>contacts[]</c> inside the message).</summary>
    public string? ContactsJson { get; init; }
    public string? OrderJson { get; init; }
    /// <summary>WhatsApp interactive reply (button_reply / list_reply) or template button.</summary>
    public string? InteractiveType { get; init; }
    public string? InteractiveReplyId { get; init; }
    public string? InteractiveReplyTitle { get; init; }
    /// <summary>WhatsApp Flow completion: nfm_reply.response_json as sent.</summary>
    public string? FlowResponseJson { get; init; }
    /// <summary>WhatsApp message type as sent (text, image, button…); null for Messenger/IG.</summary>
    public string? MessageType { get; init; }
    /// <summary>WhatsApp catalog product the customer asked about (context.referred_product).</summary>
    public string? ReferredProductId { get; init; }
    public bool IsForwarded { get; init; }
    /// <summary>IG self-messaging: the account messaged itself; never reply.</summary>
    public bool IsSelf { get; init; }
}

/// <summary>A message the business sent (our app, Page Inbox, the IG app). A foreign <see cref="AppId"/> means a human replied.</summary>
public sealed record EchoEvent : MessageEvent
{
    public string? AppId { get; init; }
    public string? Metadata { get; init; }
}
