using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies;
using AiSales.Core.Replies.Turns;
using AiSales.Tests.Persistence;

namespace AiSales.Tests.Ai.Replies;

/// <summary>The loader against a real migrated database: burst vs history split, active catalog, turn state.</summary>
public sealed class ReplyInputsLoaderTests : IAsyncLifetime
{
    private PersistenceDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PersistenceDatabase.CreateAsync(migrate: true);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Burst_since_the_last_reply_is_joined_and_history_is_what_came_before()
    {
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        var merchant = new Merchant { Id = Guid.NewGuid(), Name = "متجر الريم", Slug = "reem-" + Guid.NewGuid().ToString("N")[..8] };
        merchant.AiSettings.HandoffKeywords = ["جملة"];
        merchant.AiSettings.HumanQuietMinutes = 15;
        var account = new ChannelAccount { Id = Guid.NewGuid(), MerchantId = merchant.Id, Platform = ChannelPlatform.Messenger, Provider = ChannelProvider.Meta, ExternalId = "page-" + Guid.NewGuid().ToString("N")[..10] };
        var contact = new Contact { Id = Guid.NewGuid(), MerchantId = merchant.Id, ChannelAccountId = account.Id, ExternalId = "psid-1" };
        var conversation = new Conversation { Id = Guid.NewGuid(), MerchantId = merchant.Id, ChannelAccountId = account.Id, ContactId = contact.Id };
        var n = 0;
        Message Msg(MessageAuthor author, string text, int minute) => new()
        {
            Id = Guid.NewGuid(), MerchantId = merchant.Id, ConversationId = conversation.Id, ChannelAccountId = account.Id,
            Direction = author == MessageAuthor.Customer ? MessageDirection.Inbound : MessageDirection.Outbound,
            Author = author, Text = text, ExternalId = "mid." + ++n,
            Status = author == MessageAuthor.Customer ? MessageStatus.Received : MessageStatus.Sent, CreatedAt = t0.AddMinutes(minute),
        };
        var first = Msg(MessageAuthor.Customer, "عدكم جاكيت جلد؟", 0);
        var ai = Msg(MessageAuthor.Ai, "اي اكو 👌", 1);
        var burst1 = Msg(MessageAuthor.Customer, "هلو", 2);
        var burst2 = Msg(MessageAuthor.Customer, " شكد سعره؟ ", 3);
        var jacket = new Product { Id = Guid.NewGuid(), MerchantId = merchant.Id, Sku = "J1", NameAr = "جاكيت جلد", PriceIqd = 45_000, Stock = 3, Variants = new() { Sizes = ["M", "L"], Colors = ["اسود"] } };
        var hidden = new Product { Id = Guid.NewGuid(), MerchantId = merchant.Id, Sku = "X1", NameAr = "نظارة", PriceIqd = 15_000, Active = false };

        await using (var ctx = _db.CreateContext())
        {
            ctx.AddRange(merchant, account, contact, conversation, first, ai, burst1, burst2, jacket, hidden);
            await ctx.SaveChangesAsync();
        }

        var inputs = await new ReplyInputsLoader(_db.DataSource, TimeProvider.System).LoadAsync(conversation.Id, burst1.Id, CancellationToken.None);

        Assert.NotNull(inputs);
        Assert.Equal("هلو\nشكد سعره؟", inputs.Context.CustomerText);
        Assert.Equal([(MessageAuthor.Customer, "عدكم جاكيت جلد؟"), (MessageAuthor.Ai, "اي اكو 👌")],
            inputs.Context.RecentMessages.Select(m => (m.Author, m.Text)));
        var item = Assert.Single(inputs.Context.Catalog);
        Assert.Equal((jacket.Id, 45_000L, 3), (item.Id, item.PriceIqd, item.Stock));
        Assert.Equal(["M", "L"], item.Sizes);
        Assert.Equal(ChannelPlatform.Messenger, inputs.Context.Platform);
        Assert.Equal(["جملة"], inputs.Context.Settings.HandoffKeywords);
        Assert.Equal(TimeSpan.FromMinutes(15), inputs.HumanQuietPeriod);
        Assert.Equal(contact.Id, inputs.ContactId);

        // burst1 triggered, but burst2 is newer: the policy drops this job (burst2's job answers both).
        Assert.Equal(burst2.Id, inputs.State.LatestCustomerMessageId);
        var decision = new TurnPolicy().Decide(inputs.Trigger, inputs.State, inputs.HumanQuietPeriod, DateTimeOffset.UtcNow);
        Assert.Equal(TurnDropReason.NewerCustomerMessage, decision.Reason);
        var latest = await new ReplyInputsLoader(_db.DataSource, TimeProvider.System).LoadAsync(conversation.Id, burst2.Id, CancellationToken.None);
        Assert.True(new TurnPolicy().Decide(latest!.Trigger, latest.State, latest.HumanQuietPeriod, DateTimeOffset.UtcNow).ShouldSend);

        Assert.Null(await new ReplyInputsLoader(_db.DataSource, TimeProvider.System).LoadAsync(conversation.Id, Guid.NewGuid(), CancellationToken.None));
    }
}
