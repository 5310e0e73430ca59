using AiSales.Core.Inbound.Events;

namespace AiSales.Core.Inbound.Recording;

/// <summary>Which stored customer events ask for an AI reply (when the AI owns the conversation).</summary>
public static class ReplyRules
{
    public static bool ShouldReply(InboundEvent evt)
    {
        // Standby: another app owns the thread. Entry "0": Meta's dashboard "send test" button.
        if (evt.IsStandby || evt.EntryId == "0") return false;
        // Every customer message gets an answer: a story mention is thanked, a message the platform could not deliver
        // ("unsupported") is asked for again as text.
        return evt.Kind is InboundEventKind.Message or InboundEventKind.QuickReply or InboundEventKind.StoryReply
            or InboundEventKind.Comment or InboundEventKind.Postback or InboundEventKind.StoryMention or InboundEventKind.Unsupported;
    }
}
