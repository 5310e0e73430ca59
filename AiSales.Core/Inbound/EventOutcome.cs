namespace AiSales.Core.Inbound;

/// <summary>What the pipeline did with one event (also the metric's "outcome" tag).</summary>
public enum EventOutcome
{
    /// <summary>New rows: a message, a contact's attribution.</summary>
    Stored,
    /// <summary>An existing message changed (status, edit, unsend, reaction, echo matched).</summary>
    Updated,
    /// <summary>Seen before (Redis filter or processed_events).</summary>
    Duplicate,
    /// <summary>No connected account matches the receiving id: kept in unroutable_events.</summary>
    Unroutable,
    /// <summary>Nothing to do (system/account events, the business's own comments, self messages).</summary>
    Ignored,
    /// <summary>About a message we do not hold; recorded as processed so it is not retried.</summary>
    UnknownMessage,
}

public static class EventOutcomeNames
{
    public static string ToName(this EventOutcome outcome) => outcome switch
    {
        EventOutcome.Stored => "stored",
        EventOutcome.Updated => "updated",
        EventOutcome.Duplicate => "duplicate",
        EventOutcome.Unroutable => "unroutable",
        EventOutcome.Ignored => "ignored",
        EventOutcome.UnknownMessage => "unknown_message",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
