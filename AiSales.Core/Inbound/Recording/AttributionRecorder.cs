using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound.Recording;

/// <summary>
/// Where a contact came from: the first touch is written once and kept forever, the last touch follows the
/// newest ad / post / comment / story / ref link (by platform time, so a late older event cannot overwrite it).
/// </summary>
public static class AttributionRecorder
{
    private const string Sql = """
        UPDATE contacts SET
            first_touch = COALESCE(first_touch, $2::jsonb),
            last_touch = CASE WHEN last_touch IS NULL OR (last_touch->>'at') IS NULL OR (last_touch->>'at')::timestamptz <= $3
                              THEN $2::jsonb ELSE last_touch END,
            updated_at = now()
        WHERE id = $1
        """;

    /// <summary>The touch an event carries, or null when it says nothing about where the customer came from.</summary>
    public static Attribution? From(InboundEvent evt, DateTimeOffset at) => evt switch
    {
        CommentEvent c => new Attribution
        {
            Source = c.AdId is null ? "comment" : "ad", AdId = c.AdId, PostId = c.PostId, MediaId = c.MediaId ?? c.OriginalMediaId,
            CommentId = c.CommentId, At = at,
        },
        MessageEvent { Referral: { } r } => FromReferral(r, at),
        MessageEvent { Kind: InboundEventKind.StoryReply or InboundEventKind.StoryMention } m => new Attribution
        {
            Source = "story", StoryId = m.Story?.Id ?? m.Attachments.FirstOrDefault()?.MediaId, At = at,
        },
        PostbackEvent { Referral: { } r } => FromReferral(r, at),
        ReferralEvent r => FromReferral(r.Referral, at),
        _ => null,
    };

    private static Attribution FromReferral(InboundReferral r, DateTimeOffset at) => new()
    {
        Source = r.CtwaClid is not null ? "ctwa" : r.AdId is not null ? "ad" : r.Ref is not null ? "ref" : r.Source?.ToLowerInvariant() ?? "ref",
        AdId = r.AdId,
        PostId = r.PostId,
        Ref = r.Ref,
        CtwaClid = r.CtwaClid,
        At = at,
    };

    /// <summary>Deferred to the event's last round trip (<see cref="EventScope.Deferred"/>): nothing later in the event reads it.</summary>
    public static void Defer(EventScope scope, Guid contactId, Attribution touch) =>
        scope.Defer(Sql, contactId, JsonbSerialization.Serialize(touch), touch.At ?? scope.At);
}
