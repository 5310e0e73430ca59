namespace AiSales.Core.Replies;

/// <summary>How a reply was produced (metrics tag "path", and what the message journey shows).</summary>
public enum ReplyPath
{
    /// <summary>The model's first answer passed every check.</summary>
    Llm,
    /// <summary>The first answer quoted a price the catalog does not have; the corrected second one passed.</summary>
    LlmRegenerated,
    /// <summary>No LLM configured: the offline responder answered.</summary>
    Offline,
    /// <summary>The LLM failed (error, timeout, bad JSON, price guard twice): the offline responder answered.</summary>
    OfflineFallback,
    /// <summary>The conversation goes to a person; <see cref="ReplyDecision.Text"/> is the holding message.</summary>
    Handoff,
}

/// <summary>
/// The engine's answer. The GenerateReply handler sends <see cref="Text"/> (after the turn policy agrees), feeds
/// <see cref="LeadSignals"/> to the lead updater, and on <see cref="Handoff"/> gives the conversation to a human.
/// </summary>
/// <param name="FailureReason">Why the LLM answer was not used (fallback/handoff paths), for logs and the journey.</param>
/// <param name="State">The conversation's sales state after this turn (saved with the reply).</param>
/// <param name="Order">An order the customer confirmed in this turn (created with the reply).</param>
/// <param name="ImageUrl">A product photo the customer asked to see, sent as its own message with the reply.</param>
public sealed record ReplyDecision(
    string Text,
    ReplyPath Path,
    string Intent,
    IReadOnlyList<Guid> ProductIds,
    IReadOnlyList<string> LeadSignals,
    bool Handoff,
    string? HandoffReason,
    double Confidence,
    string? FailureReason = null,
    Persistence.Entities.SalesState? State = null,
    Offline.PlacedOrder? Order = null,
    string? ImageUrl = null)
{
    public static string PathName(ReplyPath path) => path switch
    {
        ReplyPath.Llm => "llm",
        ReplyPath.LlmRegenerated => "llm_regenerated",
        ReplyPath.Offline => "offline",
        ReplyPath.OfflineFallback => "offline_fallback",
        _ => "handoff",
    };
}
