using System.Text.Json;
using AiSales.Core.Inbound.Events;

namespace AiSales.Core.Inbound.Meta;

/// <summary>One inbound WhatsApp <c>messages[]</c> item; its <c>type</c> names the object holding the content.</summary>
internal static class WhatsAppMessageNormalizer
{
    private static readonly HashSet<string> MediaTypes = ["image", "audio", "video", "document", "sticker"];

    public static InboundEvent Normalize(JsonElement m, EntryContext ctx, string? phoneNumberId, string? customerName)
    {
        if (m.ValueKind != JsonValueKind.Object) return ctx.Unsupported(m, "message is not an object");

        var id = m.Str("id");
        var from = m.Str("from");
        var type = m.Str("type");
        var ts = m.Time("timestamp") ?? ctx.EntryTime;
        var context = m.Obj("context");

        InboundEvent Unsupported(string reason) => ctx.Unsupported(m, reason, id) with
        {
            RecipientAccountId = phoneNumberId, CustomerId = from, CustomerName = customerName,
            ExternalEventId = id, Timestamp = ts, Errors = WhatsAppChangeNormalizer.ReadErrors(m),
        };

        var message = new MessageEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.Message, EntryId = ctx.EntryId,
            RecipientAccountId = phoneNumberId, CustomerId = from, CustomerName = customerName,
            ExternalEventId = id, Timestamp = ts, MessageType = type,
            DedupeKey = "msg:" + (id ?? "raw:" + JsonElementReading.Fingerprint(m.CleanRawText())),
            ReplyToMid = context.Str("id"),
            IsForwarded = context?.Bool("forwarded") == true || context?.Bool("frequently_forwarded") == true,
            ReferredProductId = context.Obj("referred_product").Str("product_retailer_id"),
            Referral = m.Obj("referral") is { } r ? Referral(r) : null,
        };

        switch (type)
        {
            case "text" when m.Obj("text") is { } text:
                return message with { Text = text.Str("body") };

            case not null when MediaTypes.Contains(type) && m.Obj(type) is { } media:
                return message with
                {
                    Text = media.Str("caption"),
                    StickerId = type == "sticker" ? media.Str("id") : null,
                    Attachments =
                    [
                        new InboundAttachment(type, media.Str("url"), media.CleanRawText(), media.Str("id"),
                            media.Str("mime_type"), media.Str("caption"), media.Str("filename")),
                    ],
                };

            case "location" when m.Obj("location") is { } loc:
                return message with
                {
                    Location = new InboundLocation(loc.Double("latitude"), loc.Double("longitude"), loc.Str("name"), loc.Str("address"), loc.Str("url")),
                };

            case "contacts" when m.Prop("contacts") is { ValueKind: JsonValueKind.Array } contacts:
                return message with { ContactsJson = contacts.CleanRawText() };

            case "order" when m.Obj("order") is { } order:
                return message with { OrderJson = order.CleanRawText(), Text = order.Str("text") };

            case "button" when m.Obj("button") is { } button:
                // Template quick-reply tap; context.id is the template we sent.
                return message with
                {
                    Kind = InboundEventKind.QuickReply, Text = button.Str("text"),
                    QuickReplyPayload = button.Str("payload"), InteractiveType = "button",
                    InteractiveReplyId = button.Str("payload"), InteractiveReplyTitle = button.Str("text"),
                };

            case "interactive" when m.Obj("interactive") is { } interactive:
                return Interactive(message, interactive) ?? Unsupported($"interactive type '{interactive.Str("type")}' not understood");

            case "reaction" when m.Obj("reaction") is { } reaction:
            {
                var target = reaction.Str("message_id");
                var emoji = reaction.StrOrEmpty("emoji");
                var removed = string.IsNullOrEmpty(emoji);
                var action = removed ? "unreact" : "react";
                return new ReactionEvent
                {
                    Platform = ctx.Platform, Kind = removed ? InboundEventKind.Unreaction : InboundEventKind.Reaction,
                    EntryId = ctx.EntryId, RecipientAccountId = phoneNumberId, CustomerId = from,
                    CustomerName = customerName, ExternalEventId = id, Timestamp = ts,
                    Mid = target, Action = action, Emoji = removed ? null : emoji,
                    DedupeKey = MessagingItemNormalizer.ReactionKey(target, action, removed ? null : emoji, ts, from),
                };
            }

            case "system" when m.Obj("system") is { } system:
            {
                var name = system.Str("type") ?? "system";
                return new SystemEvent
                {
                    Platform = ctx.Platform, Kind = InboundEventKind.System, EntryId = ctx.EntryId,
                    RecipientAccountId = phoneNumberId, CustomerId = from, CustomerName = customerName,
                    ExternalEventId = id, Timestamp = ts, Name = name, Body = system.Str("body"), RawJson = m.CleanRawText(),
                    DedupeKey = $"system:{name}:{id ?? JsonElementReading.Fingerprint(m.CleanRawText())}",
                };
            }

            case "request_welcome":
                return new SystemEvent
                {
                    Platform = ctx.Platform, Kind = InboundEventKind.System, EntryId = ctx.EntryId,
                    RecipientAccountId = phoneNumberId, CustomerId = from, CustomerName = customerName,
                    ExternalEventId = id, Timestamp = ts, Name = "request_welcome", RawJson = m.CleanRawText(),
                    DedupeKey = $"system:request_welcome:{id ?? JsonElementReading.Fingerprint(m.CleanRawText())}",
                };

            case "revoke":
            {
                var target = m.Obj("revoke").Str("original_message_id") ?? context.Str("id") ?? id;
                return new UnsendEvent
                {
                    Platform = ctx.Platform, Kind = InboundEventKind.Unsend, EntryId = ctx.EntryId,
                    RecipientAccountId = phoneNumberId, CustomerId = from, CustomerName = customerName,
                    ExternalEventId = id, Timestamp = ts, Mid = target, DedupeKey = $"unsend:{target}",
                };
            }

            case "edit" when m.Obj("edit") is { } edit:
            {
                var target = edit.Str("original_message_id") ?? context.Str("id");
                var text = edit.Obj("message").Obj("text").Str("body") ?? edit.Obj("text").Str("body");
                return new EditEvent
                {
                    Platform = ctx.Platform, Kind = InboundEventKind.Edit, EntryId = ctx.EntryId,
                    RecipientAccountId = phoneNumberId, CustomerId = from, CustomerName = customerName,
                    ExternalEventId = id, Timestamp = ts, Mid = target, Text = text,
                    DedupeKey = $"edit:{target}:{id ?? ts?.ToUnixTimeSeconds().ToString()}",
                };
            }

            case "unsupported":
            {
                var errors = WhatsAppChangeNormalizer.ReadErrors(m);
                var code = errors.FirstOrDefault()?.Code;
                var sub = m.Obj("unsupported").Str("type");
                return Unsupported($"platform marked the message unsupported{(code is null ? "" : $" ({code})")}{(sub is null ? "" : $": {sub}")}");
            }

            default:
                return Unsupported(type is null ? "message without type" : $"message type '{type}' without its content object or not understood");
        }
    }

    private static MessageEvent? Interactive(MessageEvent message, JsonElement interactive)
    {
        var type = interactive.Str("type");
        switch (type)
        {
            case "button_reply" or "list_reply" when interactive.Obj(type) is { } reply:
                return message with
                {
                    Kind = InboundEventKind.QuickReply, InteractiveType = type, InteractiveReplyId = reply.Str("id"),
                    InteractiveReplyTitle = reply.Str("title"), QuickReplyPayload = reply.Str("id"), Text = reply.Str("title"),
                };
            case "nfm_reply" when interactive.Obj("nfm_reply") is { } flow:
                return message with
                {
                    InteractiveType = type, InteractiveReplyId = flow.Str("name"), Text = flow.Str("body"),
                    FlowResponseJson = flow.Str("response_json"),
                };
            default:
                return null;
        }
    }

    private static InboundReferral Referral(JsonElement r) => new()
    {
        AdId = r.Str("source_id"), Source = r.Str("source_type"), Type = r.Str("source_type"), SourceUrl = r.Str("source_url"),
        Headline = r.Str("headline"), Body = r.Str("body"), MediaType = r.Str("media_type"), PhotoUrl = r.Str("image_url"),
        VideoUrl = r.Str("video_url"), ThumbnailUrl = r.Str("thumbnail_url"), CtwaClid = r.Str("ctwa_clid"),
        AdsContextJson = r.CleanRawText(),
    };
}
