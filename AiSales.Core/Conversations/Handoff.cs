using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Conversations;

/// <summary>Hand-off facts the inbox and the staff assistant share.</summary>
public static class Handoff
{
    /// <summary>Raised when a send's fate is unknown: it needs a look, but the assistant did not hand the chat over.</summary>
    public const string SendOutcomeUnknown = "send_outcome_unknown";

    public static bool AwaitingPerson(Conversation c) =>
        c.Owner == ConversationOwner.Human && c.NeedsAttention && c.AttentionReason != SendOutcomeUnknown
        && (c.LastHumanMessageAt is null || c.LastHumanMessageAt < c.OwnerChangedAt);
}
