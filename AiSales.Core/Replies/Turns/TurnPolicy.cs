using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies.Turns;

/// <summary>
/// Decides whether the AI may still speak for a trigger. The GenerateReply handler asks twice: before calling the
/// model (skip wasted work) and after (the world may have moved during generation). Checks, first match wins:
/// 1. closed conversation → drop;
/// 2. a human owns the conversation → drop (the bot never talks over a person), unless the assistant handed it over
///    and no person has written since (the customer is not left in silence while they wait);
/// 3. a human wrote after the trigger message, or within the merchant's quiet period → drop; an explicit hand-back
///    after the human's last message ends the quiet period at once;
/// 4. a newer customer message exists → drop: its own GenerateReply (deduplicated per conversation) answers the
///    whole burst, so answering now would reply to a fragment;
/// 5. the AI already wrote after the trigger (a redelivered job) → drop.
/// Pure logic: the caller passes "now".
/// </summary>
public sealed class TurnPolicy
{
    public TurnDecision Decide(TurnTrigger trigger, ConversationTurnState state, TimeSpan humanQuietPeriod, DateTimeOffset now)
    {
        if (state.Status == ConversationStatus.Closed)
            return TurnDecision.Drop(TurnDropReason.ConversationClosed);

        if (state.Owner == ConversationOwner.Human && !state.AwaitingPerson)
            return TurnDecision.Drop(TurnDropReason.OwnerIsHuman);

        if (state.LastHumanMessageAt is { } human)
        {
            if (human >= trigger.TriggerMessageAt)
                return TurnDecision.Drop(TurnDropReason.HumanSpoke);
            var handedBackSince = state.Owner == ConversationOwner.Ai && state.OwnerChangedAt is { } changed && changed > human;
            if (now - human < humanQuietPeriod && !handedBackSince)
                return TurnDecision.Drop(TurnDropReason.HumanQuietPeriod);
        }

        if (state.LatestCustomerMessageId is { } latest && latest != trigger.TriggerMessageId
            && (state.LatestCustomerMessageAt is not { } latestAt || latestAt >= trigger.TriggerMessageAt))
        {
            return TurnDecision.Drop(TurnDropReason.NewerCustomerMessage);
        }

        if (state.LastAiMessageAt is { } ai && ai >= trigger.TriggerMessageAt)
            return TurnDecision.Drop(TurnDropReason.AlreadyAnswered);

        return TurnDecision.Send;
    }
}
