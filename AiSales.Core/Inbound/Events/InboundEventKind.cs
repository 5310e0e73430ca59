namespace AiSales.Core.Inbound.Events;

/// <summary>What a normalized webhook event means for the pipeline. See docs/normalization.md.</summary>
public enum InboundEventKind
{
    Message,
    Echo,
    Comment,
    StoryReply,
    StoryMention,
    Mention,
    Reaction,
    Unreaction,
    Postback,
    QuickReply,
    Edit,
    Unsend,
    Read,
    DeliveryStatus,
    Referral,
    Optin,
    AccountEvent,
    System,
    Unsupported,
    /// <summary>A Meta lead ads form was submitted (Page <c>leadgen</c> change): <see cref="LeadgenEvent"/>.</summary>
    Leadgen,
}
