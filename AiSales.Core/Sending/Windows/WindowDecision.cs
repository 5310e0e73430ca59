using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.Windows;

/// <summary>The planner's answer: send with this messaging type (and tag), or don't and say why.</summary>
public abstract record WindowDecision
{
    public bool IsAllowed => this is WindowAllowed;
}

/// <param name="MessagingType">What the outbound_sends ledger records and the adapter maps to the wire.</param>
/// <param name="Tag">The Send API message tag, e.g. "HUMAN_AGENT"; null for a plain RESPONSE.</param>
public sealed record WindowAllowed(MessagingType MessagingType, string? Tag = null) : WindowDecision;

/// <param name="Reason">Stable code (<see cref="WindowBlockReason"/>) for logs, metrics and status_detail.</param>
/// <param name="ExplanationEn">Sentence for the dashboard composer (English UI).</param>
/// <param name="ExplanationAr">The same sentence for the Arabic UI.</param>
/// <param name="Alternative">What can still be done (<see cref="WindowAlternative"/>), if anything.</param>
/// <param name="AlternativeUntil">Until when that alternative stays possible, when it expires.</param>
public sealed record WindowBlocked(
    string Reason,
    string ExplanationEn,
    string ExplanationAr,
    string Alternative,
    DateTimeOffset? AlternativeUntil = null) : WindowDecision;

public static class WindowBlockReason
{
    public const string NoCustomerMessage = "no_customer_message";
    public const string WindowClosed = "window_closed";
    public const string HumanAgentWindowClosed = "human_agent_window_closed";
    public const string PrivateReplyAlreadySent = "private_reply_already_sent";
    public const string PrivateReplyExpired = "private_reply_expired";
    public const string PrivateReplyUnsupported = "private_reply_unsupported";
    public const string CommentReplyUnsupported = "comment_reply_unsupported";
    public const string TemplateRequired = "template_required";
    public const string AiCannotUseTemplates = "ai_cannot_use_templates";
}

public static class WindowAlternative
{
    /// <summary>Nothing but waiting for the customer to write again.</summary>
    public const string WaitForCustomer = "wait_for_customer";
    /// <summary>A person can still answer with the HUMAN_AGENT tag (until AlternativeUntil).</summary>
    public const string HumanAgentReply = "human_agent_reply";
    /// <summary>A person can send an approved WhatsApp template.</summary>
    public const string HumanTemplate = "human_template";
    /// <summary>Answer in the DM thread once the customer writes there.</summary>
    public const string DirectMessage = "direct_message";
}
