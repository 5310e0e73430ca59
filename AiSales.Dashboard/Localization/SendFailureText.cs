using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Sending.Transports;
using AiSales.Core.Sending.Windows;

namespace AiSales.Dashboard.Localization;

/// <summary>
/// Why an outbound message is held or failed, in the viewer's language, from what the send pipeline stored with it: its
/// status_detail class (rate limit, reconnect, retrying, outside the window), our error codes and the window planner's
/// reasons (messages.error_code), and a few Meta codes whose meaning is settled. Null when the class is not known: the
/// page then shows the stored text as it is. The stored text (often the platform's English) is never replaced, only
/// put behind the explanation.
/// </summary>
public static class SendFailureText
{
    /// <summary>A UiText key ("send.why.…"), or null.</summary>
    public static string? KeyFor(Message m) => m.Status switch
    {
        MessageStatus.Queued => m.StatusDetail switch
        {
            SendStatusDetail.RateLimited => "send.why.rate_limited",
            SendStatusDetail.WaitingReconnect => "send.why.reconnect",
            SendStatusDetail.RetriedByOperator => "send.why.retried_by_operator",
            { } d when d.StartsWith(SendStatusDetail.RetryingPrefix, StringComparison.Ordinal) => "send.why.retrying",
            _ => null,
        },
        MessageStatus.Failed => KeyForCode(m.ErrorCode) ?? m.StatusDetail switch
        {
            { } d when d.StartsWith(SendStatusDetail.OutsideWindowPrefix, StringComparison.Ordinal) => "send.why.window_closed",
            { } d when d.StartsWith(SendStatusDetail.GaveUpPrefix, StringComparison.Ordinal) => "send.why.gave_up",
            _ => null,
        },
        _ => null,
    };

    /// <summary>The raw text kept behind the explanation: the platform's (or our log's) message, else the status detail.</summary>
    public static string? RawText(Message m) => m.ErrorMessage is { Length: > 0 } e ? e : m.StatusDetail;

    /// <summary>Our codes, the window planner's reasons, and Meta's "code" or "code/subcode".</summary>
    public static string? KeyForCode(string? code) => code switch
    {
        null or "" => null,
        SendErrorCodes.DeadLettered => "send.why.dead_lettered",
        SendErrorCodes.OutcomeUnknown => "send.why.outcome_unknown",
        WindowBlockReason.NoCustomerMessage or WindowBlockReason.WindowClosed or WindowBlockReason.HumanAgentWindowClosed
            or WindowBlockReason.TemplateRequired or WindowBlockReason.AiCannotUseTemplates or WindowBlockReason.PrivateReplyAlreadySent
            or WindowBlockReason.PrivateReplyExpired or WindowBlockReason.PrivateReplyUnsupported or WindowBlockReason.CommentReplyUnsupported
            => "send.why." + code,
        _ => MetaKey(code),
    };

    // Meta's "code" or "code/subcode", read with the send pipeline's own classifier where it decides the same thing.
    private static string? MetaKey(string code)
    {
        var parts = code.Split('/');
        if (!int.TryParse(parts[0], out var main)) return null;
        int? sub = parts.Length > 1 && int.TryParse(parts[1], out var s) ? s : null;
        if (GraphErrorClassifier.IsWhatsAppReengagement(main)) return "send.why.template_required";
        if (GraphErrorClassifier.IsOutsideWindow(main, sub)) return "send.why.window_closed";
        return main switch
        {
            190 => "send.why.reconnect",
            // Messenger/Instagram: the person cannot be messaged now (blocked the page, turned messages off).
            551 => "send.why.unavailable",
            131026 => "send.why.undeliverable",
            _ => null,
        };
    }
}
