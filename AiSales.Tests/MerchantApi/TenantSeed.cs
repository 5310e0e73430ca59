using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.MerchantApi;

/// <summary>Rows for one merchant: a channel account, contacts, conversations and messages, written through EF.</summary>
public sealed class TenantSeed(AiSalesDbContext db, Guid merchantId)
{
    public Guid MerchantId { get; } = merchantId;
    public Dictionary<ChannelPlatform, Guid> Channels { get; } = [];

    public static async Task<TenantSeed> MerchantAsync(AiSalesDbContext db, string timeZone = "Asia/Baghdad")
    {
        var id = Guid.NewGuid();
        db.Merchants.Add(new Merchant { Id = id, Name = "Shop " + id.ToString("N")[..6], Slug = "shop-" + id.ToString("N"), TimeZone = timeZone });
        await db.SaveChangesAsync();
        return new TenantSeed(db, id);
    }

    public async Task<Guid> ChannelAsync(ChannelPlatform platform, string? externalId = null)
    {
        var id = Guid.NewGuid();
        db.ChannelAccounts.Add(new ChannelAccount
        {
            Id = id, MerchantId = MerchantId, Platform = platform, Provider = ChannelProvider.Sandbox,
            ExternalId = externalId ?? $"{platform}-{id:N}",
        });
        await db.SaveChangesAsync();
        Channels[platform] = id;
        return id;
    }

    public async Task<Contact> ContactAsync(ChannelPlatform platform, LeadStage stage = LeadStage.New, LeadLabel label = LeadLabel.Cold,
        string? source = null, DateTimeOffset? createdAt = null, string? externalId = null)
    {
        if (!Channels.TryGetValue(platform, out var channel))
            channel = await ChannelAsync(platform);
        var contact = new Contact
        {
            Id = Guid.NewGuid(), MerchantId = MerchantId, ChannelAccountId = channel, ExternalId = externalId ?? "c-" + Guid.NewGuid().ToString("N"),
            Stage = stage, Label = label, FirstTouch = source is null ? null : new Attribution { Source = source },
            CreatedAt = createdAt ?? DateTimeOffset.UtcNow, UpdatedAt = createdAt ?? DateTimeOffset.UtcNow,
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    public async Task<Conversation> ConversationAsync(Contact contact, ConversationOwner owner = ConversationOwner.Ai,
        ConversationStatus status = ConversationStatus.Open, DateTimeOffset? createdAt = null)
    {
        var conversation = new Conversation
        {
            Id = Guid.NewGuid(), MerchantId = MerchantId, ChannelAccountId = contact.ChannelAccountId, ContactId = contact.Id,
            Owner = owner, Status = status, CreatedAt = createdAt ?? DateTimeOffset.UtcNow, LastMessageAt = createdAt ?? DateTimeOffset.UtcNow,
            LastCustomerMessageAt = createdAt ?? DateTimeOffset.UtcNow,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation;
    }

    public async Task<Message> MessageAsync(Conversation conversation, MessageAuthor author, DateTimeOffset at, string? text = "hi",
        MessageStatus? status = null)
    {
        var inbound = author == MessageAuthor.Customer;
        var message = new Message
        {
            Id = Guid.NewGuid(), MerchantId = MerchantId, ConversationId = conversation.Id, ChannelAccountId = conversation.ChannelAccountId,
            Direction = inbound ? MessageDirection.Inbound : MessageDirection.Outbound, Author = author, Text = text,
            ExternalId = "m-" + Guid.NewGuid().ToString("N"), ExternalTimestamp = at, CreatedAt = at,
            Status = status ?? (inbound ? MessageStatus.Received : MessageStatus.Sent),
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    /// <summary>An order as the Worker writes one (status confirmed, source chat unless told), totals from its lines.</summary>
    public async Task<(Order Order, List<OrderItem> Items)> OrderAsync(Contact contact, Conversation? conversation, OrderStatus status, DateTimeOffset createdAt,
        params (string Name, int Quantity, long UnitPrice, string? Size, string? Colour)[] lines)
    {
        var order = new Order
        {
            Id = Guid.NewGuid(), MerchantId = MerchantId, ContactId = contact.Id, ConversationId = conversation?.Id, Status = status,
            CustomerName = "Customer " + contact.Id.ToString("N")[..4], Governorate = "Basra", City = "Zubair", Address = "Street 14, house 7",
            Phone = "07701234567", DeliveryFeeIqd = 5000, CreatedAt = createdAt, UpdatedAt = createdAt,
        };
        var items = lines.Select(l => new OrderItem
        {
            Id = Guid.NewGuid(), OrderId = order.Id, MerchantId = MerchantId, ProductName = l.Name, Sku = "SKU-" + l.Name, Quantity = l.Quantity,
            Size = l.Size, Colour = l.Colour, UnitPriceIqd = l.UnitPrice,
        }).ToList();
        order.ItemsTotalIqd = items.Sum(i => i.UnitPriceIqd * i.Quantity);
        order.TotalIqd = order.ItemsTotalIqd + order.DeliveryFeeIqd;
        db.Orders.Add(order);
        db.OrderItems.AddRange(items);
        await db.SaveChangesAsync();
        return (order, items);
    }
}
