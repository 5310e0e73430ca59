using System.Text.Json;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound.Meta;

/// <summary>
/// <c>changes[]{field,value}</c> of Instagram and Facebook Pages: comments, mentions, story insights, the Page
/// feed. Messaging fields delivered in field/value form (Messenger doc samples) go to the messaging normalizer.
/// </summary>
internal static class GraphChangeNormalizer
{
    public static InboundEvent Normalize(JsonElement change, EntryContext ctx)
    {
        var field = change.Str("field");
        var value = change.Obj("value");
        if (field is null || value is not { } v)
            return ctx.Unsupported(change, "change without field or object value");

        switch (field)
        {
            case "comments" or "live_comments":
                return InstagramComment(v, field, ctx);
            case "feed":
                return v.Str("item") == "comment" ? PageComment(v, ctx) : FeedSystem(v, ctx);
            case "mentions":
                return Mention(v, ctx);
            case "leadgen" when v.Str("leadgen_id") is { } leadgenId:
                return Leadgen(v, leadgenId, ctx);
            case "story_insights":
                return new SystemEvent
                {
                    Platform = ctx.Platform, Kind = InboundEventKind.System, EntryId = ctx.EntryId,
                    RecipientAccountId = ctx.EntryId, ExternalEventId = v.Str("media_id"), Timestamp = ctx.EntryTime,
                    Name = "story_insights", RawJson = v.CleanRawText(),
                    DedupeKey = $"system:story_insights:{v.Str("media_id") ?? JsonElementReading.Fingerprint(v.CleanRawText())}",
                };
        }

        // Messaging fields in field/value form (e.g. messaging_postbacks with a sender inside value).
        if (v.Has("sender") || v.Has("recipient"))
            return MessagingItemNormalizer.Normalize(v, ctx);

        return ctx.Unsupported(change, $"unknown change field '{field}'");
    }

    private static CommentEvent InstagramComment(JsonElement v, string field, EntryContext ctx)
    {
        // Real captures use value.id; the Facebook-Login doc flavour uses value.comment_id.
        var commentId = v.Str("id") ?? v.Str("comment_id");
        var from = v.Obj("from");
        var fromId = from.Str("id");
        var media = v.Obj("media");
        var fromBusiness = (fromId is not null && fromId == ctx.EntryId) || from.Str("self_ig_scoped_id") is not null;
        return new CommentEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.Comment, EntryId = ctx.EntryId,
            RecipientAccountId = ctx.EntryId, CustomerId = fromBusiness ? null : fromId,
            CustomerName = fromBusiness ? null : from.Str("username"), ExternalEventId = commentId,
            Timestamp = v.Time("timestamp") ?? ctx.EntryTime, IsStandby = ctx.IsStandby,
            CommentId = commentId, Text = v.Str("text"), MediaId = media.Str("id") ?? v.Str("media_id"),
            MediaProductType = media.Str("media_product_type"), OriginalMediaId = media.Str("original_media_id"),
            ParentId = v.Str("parent_id"), AdId = media.Str("ad_id"), AdTitle = media.Str("ad_title"),
            FromId = fromId, FromUsername = from.Str("username"), IsFromBusiness = fromBusiness, Verb = "add", Field = field,
            DedupeKey = "comment:" + (commentId ?? "raw:" + JsonElementReading.Fingerprint(v.CleanRawText())),
        };
    }

    private static CommentEvent PageComment(JsonElement v, EntryContext ctx)
    {
        var commentId = v.Str("comment_id");
        var from = v.Obj("from");
        var fromId = from.Str("id");
        var postId = v.Str("post_id");
        var parentId = v.Str("parent_id");
        var verb = v.Str("verb") ?? "add";
        var fromBusiness = fromId is not null && fromId == ctx.EntryId;
        return new CommentEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.Comment, EntryId = ctx.EntryId,
            RecipientAccountId = ctx.EntryId, CustomerId = fromBusiness ? null : fromId,
            CustomerName = fromBusiness ? null : from.Str("name"), ExternalEventId = commentId,
            Timestamp = v.Time("created_time") ?? ctx.EntryTime, IsStandby = ctx.IsStandby,
            CommentId = commentId, Text = v.Str("message"), MediaId = postId, PostId = postId,
            // The feed puts the post id in parent_id for top-level comments; only a comment id is a real parent.
            ParentId = parentId == postId ? null : parentId,
            FromId = fromId, FromUsername = from.Str("name"), IsFromBusiness = fromBusiness, Verb = verb, Field = "feed",
            // A comment is added once but can then be edited, hidden, removed: each verb is its own event.
            DedupeKey = "comment:" + (commentId ?? "raw:" + JsonElementReading.Fingerprint(v.CleanRawText()))
                + (verb == "add" ? "" : ":" + verb),
        };
    }

    private static SystemEvent FeedSystem(JsonElement v, EntryContext ctx)
    {
        var name = $"feed.{v.Str("item") ?? "unknown"}.{v.Str("verb") ?? "unknown"}";
        return new SystemEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.System, EntryId = ctx.EntryId,
            RecipientAccountId = ctx.EntryId, CustomerId = v.Obj("from").Str("id"),
            ExternalEventId = v.Str("post_id"), Timestamp = v.Time("created_time") ?? ctx.EntryTime,
            Name = name, RawJson = v.CleanRawText(),
            DedupeKey = $"system:{name}:{JsonElementReading.Fingerprint(v.CleanRawText())}",
        };
    }

    /// <summary>
    /// Routed by the Page the entry is for; the dashboard's test delivery has entry id "0", so its value.page_id routes it.
    /// </summary>
    private static LeadgenEvent Leadgen(JsonElement v, string leadgenId, EntryContext ctx)
    {
        var pageId = v.Str("page_id");
        var account = ctx.EntryId is null or "0" ? pageId : ctx.EntryId;
        return new LeadgenEvent
        {
            Platform = ChannelPlatform.Messenger, Kind = InboundEventKind.Leadgen, EntryId = ctx.EntryId,
            RecipientAccountId = account, ExternalEventId = leadgenId,
            // Webhook created_time is Unix seconds (Messenger entries to the same callback use ms: ParseTime tells them apart).
            Timestamp = v.Time("created_time") ?? ctx.EntryTime,
            LeadgenId = leadgenId, PageId = pageId, FormId = v.Str("form_id"), AdId = v.Str("ad_id"), AdgroupId = v.Str("adgroup_id"),
            IsDashboardTest = ctx.EntryId == "0" || leadgenId.All(c => c == '4'),
            DedupeKey = "leadgen:" + leadgenId,
        };
    }

    private static MentionEvent Mention(JsonElement v, EntryContext ctx)
    {
        var mediaId = v.Str("media_id");
        var commentId = v.Str("comment_id");
        return new MentionEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.Mention, EntryId = ctx.EntryId,
            RecipientAccountId = ctx.EntryId, ExternalEventId = commentId ?? mediaId, Timestamp = ctx.EntryTime,
            IsStandby = ctx.IsStandby, MediaId = mediaId, CommentId = commentId,
            DedupeKey = $"mention:{mediaId}:{commentId}",
        };
    }
}
