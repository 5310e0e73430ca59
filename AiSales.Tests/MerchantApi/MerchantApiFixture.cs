using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.MerchantApi;

/// <summary>Two merchants, A and B, with contacts, conversations and messages, and one API key each.</summary>
public sealed class MerchantApiFixture : IAsyncLifetime
{
    public MerchantApiHost Host { get; } = new();
    public TenantSeed A { get; private set; } = null!;
    public TenantSeed B { get; private set; } = null!;
    public string KeyA { get; private set; } = "";
    public string KeyB { get; private set; } = "";
    /// <summary>Merchant C exists for the tests that change data, so A's and B's counts stay as seeded.</summary>
    public string KeyC { get; private set; } = "";
    public Contact ContactC { get; private set; } = null!;
    public List<Contact> ContactsA { get; } = [];
    public Contact ContactB { get; private set; } = null!;
    public Conversation ConversationA { get; private set; } = null!;
    public Conversation ConversationB { get; private set; } = null!;
    public List<Message> MessagesA { get; } = [];
    /// <summary>A's orders, newest first: confirmed (contact 0, two lines), shipped (contact 3), cancelled (contact 0).</summary>
    public List<(Order Order, List<OrderItem> Items)> OrdersA { get; } = [];
    public Order OrderB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        await using var db = Host.Context();
        A = await TenantSeed.MerchantAsync(db);
        B = await TenantSeed.MerchantAsync(db);
        var t0 = DateTimeOffset.UtcNow.AddHours(-5);

        // A: 7 contacts: 3 new/cold on Instagram, 2 interested/hot on WhatsApp, 1 won/warm, 1 lost/cold on Messenger.
        for (var i = 0; i < 3; i++) ContactsA.Add(await A.ContactAsync(ChannelPlatform.Instagram, createdAt: t0.AddMinutes(i)));
        for (var i = 0; i < 2; i++) ContactsA.Add(await A.ContactAsync(ChannelPlatform.WhatsApp, LeadStage.Interested, LeadLabel.Hot, createdAt: t0.AddMinutes(10 + i)));
        ContactsA.Add(await A.ContactAsync(ChannelPlatform.Messenger, LeadStage.Won, LeadLabel.Warm, createdAt: t0.AddMinutes(20)));
        ContactsA.Add(await A.ContactAsync(ChannelPlatform.Messenger, LeadStage.Lost, createdAt: t0.AddMinutes(21)));

        ConversationA = await A.ConversationAsync(ContactsA[0], ConversationOwner.Ai, createdAt: t0);
        await A.ConversationAsync(ContactsA[3], ConversationOwner.Human, createdAt: t0.AddMinutes(1));
        await A.ConversationAsync(ContactsA[5], ConversationOwner.Ai, ConversationStatus.Closed, createdAt: t0.AddMinutes(2));
        MessagesA.Add(await A.MessageAsync(ConversationA, MessageAuthor.Customer, t0.AddSeconds(1), "شكد سعره؟"));
        MessagesA.Add(await A.MessageAsync(ConversationA, MessageAuthor.Ai, t0.AddSeconds(5), "25 الف"));
        MessagesA.Add(await A.MessageAsync(ConversationA, MessageAuthor.Customer, t0.AddSeconds(9), "اريد واحد"));

        ContactB = await B.ContactAsync(ChannelPlatform.Instagram, LeadStage.Engaged);
        ConversationB = await B.ConversationAsync(ContactB);
        await B.MessageAsync(ConversationB, MessageAuthor.Customer, t0, "secret of B");

        OrdersA.Add(await A.OrderAsync(ContactsA[0], ConversationA, OrderStatus.Confirmed, t0.AddMinutes(30),
            ("Abaya", 2, 45000, "M", "أسود"), ("Scarf", 1, 10000, null, "كحلي")));
        OrdersA.Add(await A.OrderAsync(ContactsA[3], null, OrderStatus.Shipped, t0.AddMinutes(20), ("Dishdasha", 1, 35000, "XL", null)));
        OrdersA.Add(await A.OrderAsync(ContactsA[0], ConversationA, OrderStatus.Cancelled, t0.AddMinutes(10), ("Jeans", 1, 30000, "32", "أزرق")));
        OrderB = (await B.OrderAsync(ContactB, ConversationB, OrderStatus.Confirmed, t0, ("secret of B", 1, 1000, null, null))).Order;

        var c = await TenantSeed.MerchantAsync(db);
        ContactC = await c.ContactAsync(ChannelPlatform.Instagram);
        KeyC = (await Host.Keys.CreateAsync(c.MerchantId, "crm", "test")).Plaintext;
        KeyA = (await Host.Keys.CreateAsync(A.MerchantId, "crm", "test")).Plaintext;
        KeyB = (await Host.Keys.CreateAsync(B.MerchantId, "crm", "test")).Plaintext;
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}
