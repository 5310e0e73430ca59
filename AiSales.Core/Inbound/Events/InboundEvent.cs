using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound.Events;

/// <summary>
/// One event split out of a Meta webhook delivery. A delivery holds any number of these.
/// IDs stay strings: Meta ids exceed 2^53 and some are opaque (wamid, IG mids).
/// </summary>
public abstract record InboundEvent
{
    public required ChannelPlatform Platform { get; init; }

    public required InboundEventKind Kind { get; init; }

    /// <summary>
    /// The business account that received the event (IG account id, Page id, WhatsApp phone_number_id).
    /// For echoes the business is the sender, so this is the sender id. Routes the event to a merchant.
    /// </summary>
    public string? RecipientAccountId { get; init; }

    /// <summary>The <c>entry[].id</c> the event came in (WABA id for WhatsApp, "0" for dashboard tests).</summary>
    public string? EntryId { get; init; }

    /// <summary>IGSID / PSID / wa_id of the customer; null when Meta did not send one (e.g. IG seen).</summary>
    public string? CustomerId { get; init; }

    /// <summary>Display name when the payload carries it (WhatsApp contacts[].profile.name, IG comment username).</summary>
    public string? CustomerName { get; init; }

    /// <summary>The platform's own id for this event: mid, wamid, comment id, status wamid.</summary>
    public string? ExternalEventId { get; init; }

    /// <summary>When it happened; item timestamp, else entry time; null when neither parses.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Stable key for idempotency: same Meta event delivered twice gives the same key.</summary>
    public required string DedupeKey { get; init; }

    /// <summary>Came through <c>standby[]</c>: another app owns the thread, so we observe but must not reply.</summary>
    public bool IsStandby { get; init; }
}
