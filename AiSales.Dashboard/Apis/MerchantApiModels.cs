using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Localization;

namespace AiSales.Dashboard.Apis;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record ContactDto(
    Guid Id, Guid ChannelAccountId, string ExternalId, string? DisplayName, string? Username, string? Phone,
    string Stage, string Label, int Score, Attribution? FirstTouch, Attribution? LastTouch,
    DateTimeOffset? LastCustomerMessageAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ContactDto From(Contact c) => new(c.Id, c.ChannelAccountId, c.ExternalId, c.DisplayName, c.Username, c.Phone,
        EnumText<LeadStage>.ToText(c.Stage), EnumText<LeadLabel>.ToText(c.Label), c.Score, c.FirstTouch, c.LastTouch,
        c.LastCustomerMessageAt, c.CreatedAt, c.UpdatedAt);
}

public sealed record ConversationDto(
    Guid Id, Guid ContactId, Guid ChannelAccountId, string Channel, string Status, string Owner, bool NeedsAttention,
    string? AttentionReason, int UnreadCount, DateTimeOffset? LastMessageAt, DateTimeOffset? LastCustomerMessageAt, DateTimeOffset CreatedAt)
{
    public static ConversationDto From(Conversation c, ChannelPlatform channel) => new(c.Id, c.ContactId, c.ChannelAccountId,
        EnumText<ChannelPlatform>.ToText(channel), EnumText<ConversationStatus>.ToText(c.Status), EnumText<ConversationOwner>.ToText(c.Owner),
        c.NeedsAttention, c.AttentionReason, c.UnreadCount, c.LastMessageAt, c.LastCustomerMessageAt, c.CreatedAt);
}

public sealed record MessageDto(
    Guid Id, string Direction, string Author, string Kind, string? Text, IReadOnlyList<MessageAttachment> Attachments,
    string? ExternalId, string Status, string? StatusDetail, DateTimeOffset At, DateTimeOffset CreatedAt)
{
    public static MessageDto From(Message m) => new(m.Id, EnumText<MessageDirection>.ToText(m.Direction),
        EnumText<MessageAuthor>.ToText(m.Author), EnumText<MessageKind>.ToText(m.Kind), m.DeletedAt is null ? m.Text : null,
        m.Attachments, m.ExternalId, EnumText<MessageStatus>.ToText(m.Status), m.StatusDetail, m.ExternalTimestamp ?? m.CreatedAt, m.CreatedAt);
}

public sealed record LeadActivityDto(
    Guid Id, string Kind, string? FromValue, string? ToValue, int? Score, IReadOnlyList<string> Reasons, Guid? MessageId, string Actor, DateTimeOffset CreatedAt)
{
    public static LeadActivityDto From(LeadActivity a) => new(a.Id, EnumText<LeadActivityKind>.ToText(a.Kind), a.FromValue, a.ToValue,
        a.Score, [.. a.Reasons.Select(r => LeadReasonText.Render(r, EnglishText))], a.MessageId, a.Actor, a.CreatedAt);

    // The API has always returned English reasons; codes are rendered as the English dashboard shows them (stage names
    // capitalised, where the stored text of older rows had them in lower case; docs/ai.md).
    private static readonly UiPrefs EnglishText = new("en", ArabicDigits: false);
}

/// <summary>An order with its lines; amounts in whole Iraqi dinars, governorate as the lead data's key (Baghdad, Basra, ...).</summary>
public sealed record OrderDto(
    Guid Id, Guid ContactId, Guid? ConversationId, string Status, string Source, string? CustomerName, string? Governorate, string? City,
    string? Address, string? Phone, long ItemsTotalIqd, long DeliveryFeeIqd, long TotalIqd, IReadOnlyList<OrderItemDto> Items,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OrderDto From(Order o, IEnumerable<OrderItem> items) => new(o.Id, o.ContactId, o.ConversationId,
        EnumText<OrderStatus>.ToText(o.Status), EnumText<OrderSource>.ToText(o.Source), o.CustomerName, o.Governorate, o.City, o.Address, o.Phone,
        o.ItemsTotalIqd, o.DeliveryFeeIqd, o.TotalIqd, [.. items.Select(OrderItemDto.From)], o.CreatedAt, o.UpdatedAt);
}

/// <summary>A line as ordered: the product's name, SKU and price then (product_id is null once the product is deleted).</summary>
public sealed record OrderItemDto(Guid Id, Guid? ProductId, string ProductName, string? Sku, int Quantity, string? Size, string? Colour, long UnitPriceIqd)
{
    public static OrderItemDto From(OrderItem i) => new(i.Id, i.ProductId, i.ProductName, i.Sku, i.Quantity, i.Size, i.Colour, i.UnitPriceIqd);
}

/// <summary>PATCH contacts/{id}/lead: either or both; values as stored (stage new..lost, label hot|warm|cold).</summary>
public sealed record LeadUpdate(string? Stage, string? Label);

/// <summary>POST conversations/{id}/messages: a human reply sent on the merchant's behalf.</summary>
public sealed record HumanReply(string? Text);

public sealed record QueuedReply(Guid MessageId, string MessagingType, DateTimeOffset? WindowClosesAt);
