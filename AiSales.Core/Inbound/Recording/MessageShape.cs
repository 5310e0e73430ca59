using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound.Recording;

/// <summary>What gets stored for one message-like event: kind, text and the references that explain it.</summary>
public sealed record MessageShape(
    MessageKind Kind,
    string? Text,
    string? ExternalId,
    List<MessageAttachment> Attachments,
    string? ReplyToExternalId = null,
    string? StoryId = null,
    string? CommentId = null,
    string? MediaId = null,
    string? ReferralJson = null)
{
    public string AttachmentsJson => JsonbSerialization.Serialize(Attachments);

    public static MessageShape From(MessageEvent m)
    {
        var kind = KindOf(m);
        return new(
            kind,
            m.Text ?? m.InteractiveReplyTitle ?? m.Attachments.Select(a => a.Caption).FirstOrDefault(c => !string.IsNullOrEmpty(c)) ?? m.Location?.Name,
            m.ExternalEventId,
            AttachmentsOf(m),
            ReplyToExternalId: m.ReplyToMid,
            StoryId: m.Story?.Id,
            // A shared post or reel is stored with its media id, so the product the merchant linked to it is found.
            MediaId: kind == MessageKind.Share ? SharedMedia.IdOf(m.Attachments) : null,
            ReferralJson: m.Referral is null ? null : JsonbSerialization.Serialize(m.Referral));
    }

    public static MessageShape From(CommentEvent c) => new(
        MessageKind.Comment, c.Text, c.CommentId ?? c.ExternalEventId, [],
        ReplyToExternalId: c.ParentId is { } p && p != c.PostId ? p : null,
        CommentId: c.CommentId,
        MediaId: c.MediaId ?? c.PostId);

    /// <summary>A tap on a product card's button (payload "product:SKU", ProductShowcase) is read like WhatsApp's
    /// "Message business" on a product: that product comes into focus.</summary>
    public static MessageShape From(PostbackEvent p) => new(
        MessageKind.Postback, p.Title ?? p.Payload, p.Mid,
        p.Payload is { } payload && payload.StartsWith(Sending.Transports.ProductShowcase.PostbackPrefix, StringComparison.Ordinal)
            && payload.Length > Sending.Transports.ProductShowcase.PostbackPrefix.Length
            ? [new MessageAttachment { Type = "referred_product", ExternalId = payload[Sending.Transports.ProductShowcase.PostbackPrefix.Length..] }]
            : [],
        ReferralJson: p.Referral is null ? null : JsonbSerialization.Serialize(p.Referral));

    public static MessageShape From(UnsupportedEvent u) => new(MessageKind.Unsupported, null, u.ExternalEventId, []);

    private static MessageKind KindOf(MessageEvent m)
    {
        switch (m.Kind)
        {
            case InboundEventKind.StoryReply: return MessageKind.StoryReply;
            case InboundEventKind.StoryMention: return MessageKind.StoryMention;
            case InboundEventKind.QuickReply: return m.InteractiveType is null ? MessageKind.QuickReply : MessageKind.Interactive;
        }
        if (m.OrderJson is not null) return MessageKind.Order;
        if (m.ContactsJson is not null) return MessageKind.Contacts;
        if (m.Location is not null) return MessageKind.Location;
        if (m.StickerId is not null) return MessageKind.Sticker;
        if (m.InteractiveType is not null || m.FlowResponseJson is not null) return MessageKind.Interactive;
        var first = m.Attachments.FirstOrDefault()?.Type?.ToLowerInvariant();
        return first switch
        {
            null => MessageKind.Text,
            "image" => MessageKind.Image,
            "video" or "ig_reel" or "reel" => first == "video" ? MessageKind.Video : MessageKind.Share,
            "audio" or "voice" => MessageKind.Audio,
            "file" or "document" => MessageKind.File,
            "sticker" or "animated_image" => MessageKind.Sticker,
            "location" => MessageKind.Location,
            "template" => MessageKind.Template,
            "story_mention" => MessageKind.StoryMention,
            _ => MessageKind.Share, // share, ig_post, fallback links, product cards
        };
    }

    private static List<MessageAttachment> AttachmentsOf(MessageEvent m)
    {
        var list = m.Attachments.Select(a => new MessageAttachment
        {
            Type = a.Type,
            Url = a.Url,
            MimeType = a.MimeType,
            Title = a.Title ?? a.FileName,
            ExternalId = a.MediaId,
        }).ToList();
        if (m.StickerId is not null && list.Count == 0) list.Add(new MessageAttachment { Type = "sticker", ExternalId = m.StickerId });
        if (m.Location is { } place && !list.Exists(a => a.Type == "location" && a.Latitude is not null))
        {
            list.RemoveAll(a => a.Type == "location");
            list.Add(new MessageAttachment
            {
                Type = "location", Latitude = place.Latitude, Longitude = place.Longitude, Url = place.Url,
                Title = string.Join(", ", new[] { place.Name, place.Address }.Where(v => !string.IsNullOrWhiteSpace(v))) is { Length: > 0 } label ? label : null,
            });
        }
        if (m.ContactsJson is { } contacts && ContactCard.Read(contacts) is { } card)
            list.Add(new MessageAttachment { Type = "contact", Title = card.Name, Phone = card.Phone });
        if (m.OrderJson is { } order)
            list.AddRange(CartOrder.Read(order).Select(i => new MessageAttachment
            {
                Type = "product", ExternalId = i.RetailerId, Quantity = i.Quantity, Price = i.ItemPrice, Currency = i.Currency,
            }));
        // "Message business" on a catalog product: the text is about that product.
        if (m.ReferredProductId is { Length: > 0 } referred) list.Add(new MessageAttachment { Type = "referred_product", ExternalId = referred });
        if (m.Story?.Url is { } storyUrl) list.Add(new MessageAttachment { Type = "story", Url = storyUrl, ExternalId = m.Story.Id });
        return list;
    }
}
