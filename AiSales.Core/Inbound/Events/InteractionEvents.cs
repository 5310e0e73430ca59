namespace AiSales.Core.Inbound.Events;

/// <summary>A comment on a post/reel/ad (IG <c>comments</c>/<c>live_comments</c>, Page <c>feed</c> item=comment).</summary>
public sealed record CommentEvent : InboundEvent
{
    public string? CommentId { get; init; }
    public string? Text { get; init; }
    public string? MediaId { get; init; }
    public string? MediaProductType { get; init; }
    public string? OriginalMediaId { get; init; }
    /// <summary>Parent comment for replies; null for top-level comments (Page feed sends the post id there).</summary>
    public string? ParentId { get; init; }
    public string? PostId { get; init; }
    public string? AdId { get; init; }
    public string? AdTitle { get; init; }
    public string? FromId { get; init; }
    public string? FromUsername { get; init; }
    /// <summary>The business itself commented (from.id == entry id or self_ig_scoped_id present): never reply.</summary>
    public bool IsFromBusiness { get; init; }
    /// <summary>Page feed verb (add, edited, remove, hide…); IG comments are always "add".</summary>
    public string? Verb { get; init; }
    public string? Field { get; init; }
}

/// <summary>The business was @mentioned in a caption or comment (IG <c>mentions</c>).</summary>
public sealed record MentionEvent : InboundEvent
{
    public string? MediaId { get; init; }
    public string? CommentId { get; init; }
}

/// <summary>Kinds Reaction / Unreaction. <see cref="Mid"/> is the message reacted to.</summary>
public sealed record ReactionEvent : InboundEvent
{
    public string? Mid { get; init; }
    public string? Action { get; init; }
    public string? Reaction { get; init; }
    public string? Emoji { get; init; }
}

/// <summary>Button / ice-breaker / Get Started tap.</summary>
public sealed record PostbackEvent : InboundEvent
{
    public string? Title { get; init; }
    public string? Payload { get; init; }
    public string? Mid { get; init; }
    public InboundReferral? Referral { get; init; }
    /// <summary>Checkbox-plugin users have a user_ref instead of a PSID.</summary>
    public string? UserRef { get; init; }
    public bool IsSelf { get; init; }
}

public sealed record EditEvent : InboundEvent
{
    public string? Mid { get; init; }
    public string? Text { get; init; }
    public int? NumEdit { get; init; }
}

/// <summary>The customer deleted (unsent) a message: hide/delete the stored copy.</summary>
public sealed record UnsendEvent : InboundEvent
{
    public string? Mid { get; init; }
}

/// <summary>Seen/read receipt: IG names the message (mid), Messenger a watermark (ms).</summary>
public sealed record ReadEvent : InboundEvent
{
    public string? Mid { get; init; }
    public long? Watermark { get; init; }
}

/// <summary>
/// Outbound message progress. WhatsApp: one status per wamid (sent|delivered|read|played|failed).
/// Messenger: <see cref="Mids"/> + <see cref="Watermark"/>.
/// </summary>
public sealed record DeliveryStatusEvent : InboundEvent
{
    public string? MessageId { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<string> Mids { get; init; } = [];
    public long? Watermark { get; init; }
    public IReadOnlyList<InboundError> Errors { get; init; } = [];
    public string? ConversationId { get; init; }
    public string? ConversationOrigin { get; init; }
    public DateTimeOffset? ConversationExpiresAt { get; init; }
    public bool? Billable { get; init; }
    public string? PricingModel { get; init; }
    public string? PricingCategory { get; init; }
    public string? BizOpaqueCallbackData { get; init; }
}

/// <summary>A referral without a message (ig.me/m.me link opened in an existing thread, ad click).</summary>
public sealed record ReferralEvent : InboundEvent
{
    public required InboundReferral Referral { get; init; }
}

public sealed record OptinEvent : InboundEvent
{
    public string? Type { get; init; }
    public string? Payload { get; init; }
    public string? Title { get; init; }
    public string? NotificationToken { get; init; }
    public string? UserRef { get; init; }
}

/// <summary>Something happened to the business account (template status, ban, policy enforcement).</summary>
public sealed record AccountEvent : InboundEvent
{
    public required string Field { get; init; }
    public string? EventName { get; init; }
    public string? RawJson { get; init; }
}

/// <summary>Known, understood events that need no conversation handling (story insights, WA system messages, feedback, handover).</summary>
public sealed record SystemEvent : InboundEvent
{
    public required string Name { get; init; }
    public string? Body { get; init; }
    public string? RawJson { get; init; }
    public IReadOnlyList<InboundError> Errors { get; init; } = [];
}

/// <summary>
/// Anything the normalizer did not understand, or content Meta itself marks unsupported. Carries the raw
/// JSON of the item so nothing is lost; common fields are filled when they could be read.
/// </summary>
public sealed record UnsupportedEvent : InboundEvent
{
    public required string Reason { get; init; }
    public string? RawJson { get; init; }
    public IReadOnlyList<InboundError> Errors { get; init; } = [];
}
