using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies.Turns;

/// <summary>What a GenerateReply job was scheduled for: the customer message that started the debounce.</summary>
public sealed record TurnTrigger(Guid TriggerMessageId, DateTimeOffset TriggerMessageAt);

/// <summary>
/// The conversation as read from the database right now (before generation, and again just before the reply is
/// committed for sending — generation can take seconds, and a human or the customer may have written meanwhile).
/// </summary>
/// <param name="AwaitingPerson">The assistant handed the chat to a person and no person has written since: the
/// assistant keeps answering (the customer is never left in silence) until someone does.</param>
/// <param name="OwnerChangedAt">When ownership last changed: a hand-back after the last human message ends the quiet period.</param>
public sealed record ConversationTurnState(
    ConversationStatus Status,
    ConversationOwner Owner,
    Guid? LatestCustomerMessageId,
    DateTimeOffset? LatestCustomerMessageAt,
    DateTimeOffset? LastHumanMessageAt,
    DateTimeOffset? LastAiMessageAt,
    bool AwaitingPerson = false,
    DateTimeOffset? OwnerChangedAt = null);

public enum TurnAction
{
    Send,
    Drop,
}

/// <summary>Why a reply is not sent. Stable strings: they go to logs and message status_detail.</summary>
public static class TurnDropReason
{
    public const string ConversationClosed = "conversation_closed";
    public const string OwnerIsHuman = "owner_is_human";
    public const string HumanSpoke = "human_spoke";
    public const string HumanQuietPeriod = "human_quiet_period";
    public const string NewerCustomerMessage = "newer_customer_message";
    public const string AlreadyAnswered = "already_answered";
}

public sealed record TurnDecision(TurnAction Action, string? Reason = null)
{
    public static readonly TurnDecision Send = new(TurnAction.Send);
    public static TurnDecision Drop(string reason) => new(TurnAction.Drop, reason);
    public bool ShouldSend => Action == TurnAction.Send;
}
