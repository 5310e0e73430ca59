using System.Text.Json;
using AiSales.Core.Inbound.Events;

namespace AiSales.Core.Inbound.Meta;

/// <summary>
/// One <c>messaging[]</c> / <c>standby[]</c> item of Messenger or Instagram. The item carries exactly one of
/// message, message_edit, reaction, postback, read, delivery, referral, optin… and that decides the kind.
/// </summary>
internal static class MessagingItemNormalizer
{
    public static InboundEvent Normalize(JsonElement item, EntryContext ctx)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return ctx.Unsupported(item, "messaging item is not an object");

        var senderId = item.Obj("sender").Str("id");
        var recipientId = item.Obj("recipient").Str("id");
        var timestamp = item.Time("timestamp") ?? ctx.EntryTime;

        InboundEvent? result = null;
        if (item.Obj("message") is { } message)
            result = Message(item, message, ctx, senderId, recipientId, timestamp);
        else if (item.Obj("message_edit") is { } edit)
            result = Edit(edit, ctx, senderId, recipientId, timestamp);
        else if (item.Obj("reaction") is { } reaction)
            result = Reaction(reaction, ctx, senderId, recipientId, timestamp);
        else if (item.Obj("postback") is { } postback)
            result = Postback(item, postback, ctx, senderId, recipientId, timestamp);
        else if (item.Obj("read") is { } read)
            result = Read(read, ctx, senderId, recipientId, timestamp);
        else if (item.Obj("delivery") is { } delivery)
            result = Delivery(delivery, ctx, senderId, recipientId, timestamp);
        else if (item.Obj("referral") is { } referral)
            result = Referral(referral, ctx, senderId, recipientId, timestamp);
        else if (item.Obj("optin") is { } optin)
            result = Optin(item, optin, ctx, senderId, recipientId, timestamp);
        else if (item.Obj("policy_enforcement") is { } policy)
            result = Account(policy, "messaging_policy_enforcement", policy.Str("action"), ctx, recipientId, timestamp);
        else if (item.Obj("account_linking") is { } linking)
            result = Account(linking, "messaging_account_linking", linking.Str("status"), ctx, recipientId, timestamp, senderId);
        else
        {
            foreach (var name in SystemFields)
            {
                if (item.Obj(name) is { } value)
                {
                    result = System(item, value, name, ctx, senderId, recipientId, timestamp);
                    break;
                }
            }
        }

        return result ?? ctx.Unsupported(item, "messaging item has no known event field") with
        {
            CustomerId = senderId,
            RecipientAccountId = recipientId ?? ctx.EntryId,
            Timestamp = timestamp,
        };
    }

    // Known, understood, but nothing a conversation needs to act on.
    private static readonly string[] SystemFields =
    [
        "messaging_feedback", "pass_thread_control", "take_thread_control", "request_thread_control",
        "app_roles", "game_play", "messaging_handovers", "response_feedback", "checkout_update", "payment",
    ];

    private static InboundEvent Message(
        JsonElement item, JsonElement message, EntryContext ctx, string? senderId, string? recipientId, DateTimeOffset? timestamp)
    {
        var mid = message.Str("mid");
        var isEcho = message.Bool("is_echo");
        // Echo: the business sent it, so the business is the sender and the customer the recipient.
        var business = isEcho ? senderId ?? ctx.EntryId : recipientId ?? ctx.EntryId;
        var customer = isEcho ? recipientId : senderId;

        if (message.Bool("is_deleted"))
        {
            return new UnsendEvent
            {
                Platform = ctx.Platform, Kind = InboundEventKind.Unsend, EntryId = ctx.EntryId,
                RecipientAccountId = business, CustomerId = customer, ExternalEventId = mid, Timestamp = timestamp,
                IsStandby = ctx.IsStandby, Mid = mid,
                DedupeKey = "unsend:" + (mid ?? "raw:" + JsonElementReading.Fingerprint(item.CleanRawText())),
            };
        }

        if (message.Bool("is_unsupported"))
        {
            return ctx.Unsupported(item, "platform marked the message unsupported (is_unsupported)", mid) with
            {
                RecipientAccountId = business, CustomerId = customer, ExternalEventId = mid, Timestamp = timestamp,
            };
        }

        var attachments = message.Arr("attachments").Where(a => a.ValueKind == JsonValueKind.Object).Select(Attachment).ToList();
        var replyTo = message.Obj("reply_to");
        var story = replyTo.Obj("story") is { } s ? new InboundStoryRef(s.Str("id"), s.Str("url")) : null;
        var quickReply = message.Obj("quick_reply").Str("payload");
        var referral = message.Obj("referral") is { } r ? ReferralOf(r) : item.Obj("referral") is { } r2 ? ReferralOf(r2) : null;
        var stickerId = message.Str("sticker_id")
            ?? message.Arr("attachments").Select(a => a.Obj("payload").Str("sticker_id")).FirstOrDefault(id => id is not null);

        var kind = isEcho ? InboundEventKind.Echo
            : story is not null ? InboundEventKind.StoryReply
            : attachments.Any(a => a.Type == "story_mention") ? InboundEventKind.StoryMention
            : quickReply is not null ? InboundEventKind.QuickReply
            : InboundEventKind.Message;

        var dedupe = (isEcho ? "echo:" : "msg:") + (mid ?? "raw:" + JsonElementReading.Fingerprint(item.CleanRawText()));
        var isSelf = message.Bool("is_self") || item.Bool("is_self");

        if (isEcho)
        {
            return new EchoEvent
            {
                Platform = ctx.Platform, Kind = kind, EntryId = ctx.EntryId, RecipientAccountId = business,
                CustomerId = customer, ExternalEventId = mid, Timestamp = timestamp, IsStandby = ctx.IsStandby,
                DedupeKey = dedupe, Text = message.Str("text"), Attachments = attachments,
                ReplyToMid = replyTo.Str("mid"), Story = story, QuickReplyPayload = quickReply, Referral = referral,
                StickerId = stickerId, IsSelf = isSelf, AppId = message.Str("app_id"), Metadata = message.Str("metadata"),
            };
        }

        return new MessageEvent
        {
            Platform = ctx.Platform, Kind = kind, EntryId = ctx.EntryId, RecipientAccountId = business,
            CustomerId = customer, ExternalEventId = mid, Timestamp = timestamp, IsStandby = ctx.IsStandby,
            DedupeKey = dedupe, Text = message.Str("text"), Attachments = attachments,
            ReplyToMid = replyTo.Str("mid"), Story = story, QuickReplyPayload = quickReply, Referral = referral,
            StickerId = stickerId, IsSelf = isSelf,
        };
    }

    private static InboundAttachment Attachment(JsonElement a)
    {
        var payload = a.Prop("payload");
        var payloadObj = payload is { ValueKind: JsonValueKind.Object } p ? p : (JsonElement?)null;
        return new InboundAttachment(
            Type: a.Str("type") ?? "unknown",
            Url: payloadObj.Str("url") ?? a.Str("url"),
            PayloadJson: payloadObj?.CleanRawText(),
            MediaId: payloadObj.Str("ig_post_media_id") ?? payloadObj.Str("reel_video_id") ?? payloadObj.Str("attachment_id"),
            Title: payloadObj.Str("title") ?? a.Str("title"));
    }

    public static InboundReferral ReferralOf(JsonElement r)
    {
        var ads = r.Obj("ads_context_data");
        return new InboundReferral
        {
            Ref = r.Str("ref"), AdId = r.Str("ad_id"), Source = r.Str("source"), Type = r.Str("type"),
            AdTitle = ads.Str("ad_title"), PhotoUrl = ads.Str("photo_url"), VideoUrl = ads.Str("video_url"),
            PostId = ads.Str("post_id"), ProductId = ads.Str("product_id"), AdsContextJson = ads?.CleanRawText(),
            RefererUri = r.Str("referer_uri"),
        };
    }

    private static EditEvent Edit(JsonElement edit, EntryContext ctx, string? senderId, string? recipientId, DateTimeOffset? ts)
    {
        var mid = edit.Str("mid");
        var numEdit = edit.Int("num_edit");
        return new EditEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.Edit, EntryId = ctx.EntryId,
            RecipientAccountId = recipientId ?? ctx.EntryId, CustomerId = senderId, ExternalEventId = mid,
            Timestamp = ts, IsStandby = ctx.IsStandby, Mid = mid, Text = edit.Str("text"), NumEdit = numEdit,
            // num_edit distinguishes successive edits; fall back to the time when the count is missing.
            DedupeKey = $"edit:{mid ?? "raw:" + JsonElementReading.Fingerprint(edit.CleanRawText())}:{numEdit?.ToString() ?? ts?.ToUnixTimeMilliseconds().ToString() ?? "0"}",
        };
    }

    private static ReactionEvent Reaction(JsonElement reaction, EntryContext ctx, string? senderId, string? recipientId, DateTimeOffset? ts)
    {
        var mid = reaction.Str("mid");
        var action = reaction.Str("action") ?? "react";
        var emoji = reaction.Str("emoji");
        var unreact = string.Equals(action, "unreact", StringComparison.OrdinalIgnoreCase);
        return new ReactionEvent
        {
            Platform = ctx.Platform, Kind = unreact ? InboundEventKind.Unreaction : InboundEventKind.Reaction,
            EntryId = ctx.EntryId, RecipientAccountId = recipientId ?? ctx.EntryId, CustomerId = senderId,
            ExternalEventId = mid, Timestamp = ts, IsStandby = ctx.IsStandby,
            Mid = mid, Action = action, Reaction = reaction.Str("reaction"), Emoji = emoji,
            DedupeKey = ReactionKey(mid, action, emoji ?? reaction.Str("reaction"), ts, senderId),
        };
    }

    /// <summary>
    /// react → unreact → react on the same message with the same emoji are three real events, so the event
    /// time is part of the key (Meta's retries repeat the same timestamp, so the key is still stable).
    /// </summary>
    public static string ReactionKey(string? mid, string action, string? emoji, DateTimeOffset? ts, string? customer) =>
        $"reaction:{mid ?? customer ?? "?"}:{action}:{emoji ?? ""}:{ts?.ToUnixTimeMilliseconds().ToString() ?? "0"}";

    private static PostbackEvent Postback(JsonElement item, JsonElement postback, EntryContext ctx, string? senderId, string? recipientId, DateTimeOffset? ts)
    {
        var mid = postback.Str("mid");
        var payload = postback.Str("payload");
        var userRef = item.Obj("sender").Str("user_ref");
        return new PostbackEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.Postback, EntryId = ctx.EntryId,
            RecipientAccountId = recipientId ?? ctx.EntryId, CustomerId = senderId, ExternalEventId = mid,
            Timestamp = ts, IsStandby = ctx.IsStandby, Title = postback.Str("title"), Payload = payload, Mid = mid,
            Referral = postback.Obj("referral") is { } r ? ReferralOf(r) : item.Obj("referral") is { } r2 ? ReferralOf(r2) : null,
            UserRef = userRef, IsSelf = item.Bool("is_self") || postback.Bool("is_self"),
            DedupeKey = "postback:" + (mid ?? $"{senderId ?? userRef}:{ts?.ToUnixTimeMilliseconds()}:{payload}"),
        };
    }

    private static ReadEvent Read(JsonElement read, EntryContext ctx, string? senderId, string? recipientId, DateTimeOffset? ts)
    {
        var mid = read.Str("mid");
        var watermark = read.Long("watermark");
        return new ReadEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.Read, EntryId = ctx.EntryId,
            // IG messaging_seen arrives without sender/recipient: the entry id is the business.
            RecipientAccountId = recipientId ?? ctx.EntryId, CustomerId = senderId, ExternalEventId = mid,
            Timestamp = ts, IsStandby = ctx.IsStandby, Mid = mid, Watermark = watermark,
            DedupeKey = mid is not null ? $"read:{mid}" : $"read:{senderId}:{watermark?.ToString() ?? ts?.ToUnixTimeMilliseconds().ToString()}",
        };
    }

    private static DeliveryStatusEvent Delivery(JsonElement delivery, EntryContext ctx, string? senderId, string? recipientId, DateTimeOffset? ts)
    {
        var mids = delivery.Arr("mids").Select(m => m.AsText()).OfType<string>().ToList();
        var watermark = delivery.Long("watermark");
        return new DeliveryStatusEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.DeliveryStatus, EntryId = ctx.EntryId,
            RecipientAccountId = recipientId ?? ctx.EntryId, CustomerId = senderId,
            ExternalEventId = mids.FirstOrDefault(), Timestamp = ts, IsStandby = ctx.IsStandby,
            MessageId = mids.FirstOrDefault(), Status = "delivered", Mids = mids, Watermark = watermark,
            DedupeKey = $"delivery:{senderId}:{watermark?.ToString() ?? mids.FirstOrDefault() ?? ts?.ToUnixTimeMilliseconds().ToString()}",
        };
    }

    private static ReferralEvent Referral(JsonElement referral, EntryContext ctx, string? senderId, string? recipientId, DateTimeOffset? ts)
    {
        var r = ReferralOf(referral);
        return new ReferralEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.Referral, EntryId = ctx.EntryId,
            RecipientAccountId = recipientId ?? ctx.EntryId, CustomerId = senderId, Timestamp = ts,
            IsStandby = ctx.IsStandby, Referral = r,
            DedupeKey = $"referral:{senderId}:{ts?.ToUnixTimeMilliseconds()}:{r.AdId ?? r.Ref}",
        };
    }

    private static OptinEvent Optin(JsonElement item, JsonElement optin, EntryContext ctx, string? senderId, string? recipientId, DateTimeOffset? ts)
    {
        var type = optin.Str("type");
        var userRef = optin.Str("user_ref") ?? item.Obj("sender").Str("user_ref");
        return new OptinEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.Optin, EntryId = ctx.EntryId,
            RecipientAccountId = recipientId ?? ctx.EntryId, CustomerId = senderId, Timestamp = ts,
            IsStandby = ctx.IsStandby, Type = type, Payload = optin.Str("payload"), Title = optin.Str("title"),
            NotificationToken = optin.Str("notification_messages_token"), UserRef = userRef,
            DedupeKey = $"optin:{senderId ?? userRef}:{type}:{ts?.ToUnixTimeMilliseconds().ToString() ?? JsonElementReading.Fingerprint(optin.CleanRawText())}",
        };
    }

    private static AccountEvent Account(JsonElement value, string field, string? name, EntryContext ctx, string? recipientId, DateTimeOffset? ts, string? customer = null) => new()
    {
        Platform = ctx.Platform, Kind = InboundEventKind.AccountEvent, EntryId = ctx.EntryId,
        RecipientAccountId = recipientId ?? ctx.EntryId, CustomerId = customer, Timestamp = ts,
        IsStandby = ctx.IsStandby, Field = field, EventName = name, RawJson = value.CleanRawText(),
        DedupeKey = $"account:{field}:{JsonElementReading.Fingerprint(value.CleanRawText() + ts?.ToUnixTimeMilliseconds())}",
    };

    private static SystemEvent System(JsonElement item, JsonElement value, string name, EntryContext ctx, string? senderId, string? recipientId, DateTimeOffset? ts) => new()
    {
        Platform = ctx.Platform, Kind = InboundEventKind.System, EntryId = ctx.EntryId,
        RecipientAccountId = recipientId ?? ctx.EntryId, CustomerId = senderId, Timestamp = ts,
        IsStandby = ctx.IsStandby, Name = name, RawJson = value.CleanRawText(),
        DedupeKey = $"system:{name}:{JsonElementReading.Fingerprint(item.CleanRawText())}",
    };
}
