using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Simulator;
using AiSales.Tests.MerchantApi;
using AiSales.Tests.Persistence;

namespace AiSales.Tests.Simulator;

public sealed class SimulatorFeedTests : IAsyncLifetime
{
    private PersistenceDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PersistenceDatabase.CreateAsync(migrate: true);

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task Thread_comes_back_in_order_and_since_returns_only_newer_messages()
    {
        await using var ctx = _db.CreateContext();
        var shop = await TenantSeed.MerchantAsync(ctx);
        var other = await TenantSeed.MerchantAsync(ctx);
        var customer = await shop.ContactAsync(ChannelPlatform.Instagram, externalId: "sim-ali");
        var conversation = await shop.ConversationAsync(customer);
        var t = DateTimeOffset.UtcNow.AddMinutes(-10);
        // Inserted out of order: the feed orders by platform time.
        var reply = await shop.MessageAsync(conversation, MessageAuthor.Ai, t.AddSeconds(6), "اكو، 25 الف", MessageStatus.Delivered);
        var ask = await shop.MessageAsync(conversation, MessageAuthor.Customer, t, "اكو قميص ابيض؟");
        var more = await shop.MessageAsync(conversation, MessageAuthor.Customer, t.AddSeconds(2), "قياس L");
        var human = await shop.MessageAsync(conversation, MessageAuthor.Human, t.AddSeconds(30), "هلا بيك", MessageStatus.Pending);
        // Same customer id at another merchant: never part of this thread.
        var stranger = await other.ContactAsync(ChannelPlatform.Instagram, externalId: "sim-ali");
        await other.MessageAsync(await other.ConversationAsync(stranger), MessageAuthor.Customer, t.AddSeconds(1), "not yours");

        var feed = new SimulatorFeed(_db.DataSource);
        var thread = await feed.GetThreadAsync(shop.MerchantId, "sim-ali");
        var newer = await feed.GetThreadAsync(shop.MerchantId, "sim-ali", more.Id);

        Assert.Equal(conversation.Id, thread.ConversationId);
        Assert.Equal("ai", thread.Owner);
        Assert.Equal([ask.Id, more.Id, reply.Id, human.Id], thread.Messages.Select(m => m.Id));
        Assert.Equal(["inbound", "inbound", "outbound", "outbound"], thread.Messages.Select(m => m.Direction));
        Assert.Equal("delivered", thread.Messages[2].Status);
        Assert.Equal("pending", thread.Messages[3].Status);
        Assert.Equal([reply.Id, human.Id], newer.Messages.Select(m => m.Id));
        Assert.Empty((await feed.GetThreadAsync(shop.MerchantId, "sim-nobody")).Messages);
    }

    [Fact]
    public async Task A_thread_longer_than_the_limit_comes_back_as_its_newest_messages_oldest_first()
    {
        await using var ctx = _db.CreateContext();
        var shop = await TenantSeed.MerchantAsync(ctx);
        var customer = await shop.ContactAsync(ChannelPlatform.Instagram, externalId: "sim-long");
        var conversation = await shop.ConversationAsync(customer);
        var t = DateTimeOffset.UtcNow.AddDays(-1);
        var ids = new List<Guid>();
        for (var i = 0; i < SimulatorFeed.MaxMessages + 5; i++)
            ids.Add((await shop.MessageAsync(conversation, MessageAuthor.Customer, t.AddSeconds(i), $"m{i}")).Id);

        var feed = new SimulatorFeed(_db.DataSource);
        var thread = await feed.GetThreadAsync(shop.MerchantId, "sim-long");
        var after = await feed.GetThreadAsync(shop.MerchantId, "sim-long", ids[^3]);

        Assert.Equal(ids.Skip(5), thread.Messages.Select(m => m.Id));
        Assert.Equal(ids.TakeLast(2), after.Messages.Select(m => m.Id));
    }
}
