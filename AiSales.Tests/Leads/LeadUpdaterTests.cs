using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Leads;
using AiSales.Core.Replies.Offline;
using AiSales.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiSales.Tests.Leads;

/// <summary>
/// LeadUpdater against a real, migrated Postgres database of its own, in a transaction shaped as ReplyCommitter's:
/// lock the contact, plan, write the contact update and the activity rows, commit.
/// </summary>
public sealed class LeadUpdaterTests : IAsyncLifetime
{
    private PersistenceDatabase _db = null!;
    private Guid _merchantId;
    private Guid _contactId;
    private Guid _messageId;

    public async Task InitializeAsync()
    {
        _db = await PersistenceDatabase.CreateAsync(migrate: true);
        await using var ctx = _db.CreateContext();
        var merchant = new Merchant { Id = Guid.NewGuid(), Name = "متجر الريم", Slug = "reem-" + Guid.NewGuid().ToString("N")[..8] };
        var account = new ChannelAccount { Id = Guid.NewGuid(), MerchantId = merchant.Id, Platform = ChannelPlatform.Instagram, Provider = ChannelProvider.Meta, ExternalId = "1784" + Random.Shared.NextInt64(1_000_000_000) };
        var contact = new Contact { Id = Guid.NewGuid(), MerchantId = merchant.Id, ChannelAccountId = account.Id, ExternalId = "igsid-1" };
        var conversation = new Conversation { Id = Guid.NewGuid(), MerchantId = merchant.Id, ChannelAccountId = account.Id, ContactId = contact.Id };
        var message = new Message
        {
            Id = Guid.NewGuid(), MerchantId = merchant.Id, ConversationId = conversation.Id, ChannelAccountId = account.Id,
            Direction = MessageDirection.Inbound, Author = MessageAuthor.Customer, Text = "شكد سعر الجاكيت؟", ExternalId = "mid.1",
            Status = MessageStatus.Received,
        };
        ctx.AddRange(merchant, account, contact, conversation, message);
        await ctx.SaveChangesAsync();
        (_merchantId, _contactId, _messageId) = (merchant.Id, contact.Id, message.Id);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private sealed class Updater(NpgsqlDataSource dataSource)
    {
        private readonly LeadUpdater _updater = new(new LeadScorer(), TimeProvider.System);

        /// <summary>Null when the contact does not exist.</summary>
        public async Task<LeadAssessment?> ApplyAsync(Guid contactId, IReadOnlyCollection<string> signals, Guid? messageId, string actor, CancellationToken ct)
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            if (await LeadUpdater.LockAsync(conn, tx, contactId, ct) is not { } lead) return null;
            var plan = _updater.Plan(lead, signals, messageId, actor);
            if (plan.ContactUpdate is not null)
            {
                await using var batch = new NpgsqlBatch(conn, tx);
                batch.BatchCommands.Add(plan.ContactUpdate);
                if (LeadActivityRows.Insert(plan.Activities) is { } insert) batch.BatchCommands.Add(insert);
                await batch.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            return plan.Assessment;
        }
    }

    private Updater NewUpdater() => new(_db.DataSource);

    [Fact]
    public async Task Changes_update_the_contact_and_write_one_activity_per_changed_field()
    {
        {
            var result = await NewUpdater().ApplyAsync(_contactId, [LeadSignal.PriceAsked, LeadSignal.ProductMatched], _messageId, "ai", CancellationToken.None);
            Assert.NotNull(result);
            Assert.True(result.AnyChange);
        }

        await using var check = _db.CreateContext();
        var contact = await check.Contacts.SingleAsync(c => c.Id == _contactId);
        Assert.Equal((LeadStage.Interested, LeadLabel.Warm, 30), (contact.Stage, contact.Label, contact.Score));

        var activities = (await check.LeadActivities.Where(a => a.ContactId == _contactId).ToListAsync()).OrderBy(a => a.Kind).ToList();
        Assert.Equal([LeadActivityKind.StageChanged, LeadActivityKind.LabelChanged, LeadActivityKind.ScoreChanged], activities.Select(a => a.Kind));
        Assert.All(activities, a =>
        {
            Assert.Equal(_messageId, a.MessageId);
            Assert.Equal("ai", a.Actor);
            Assert.Equal(_merchantId, a.MerchantId);
            Assert.Contains("lead:signal|price_asked|10", a.Reasons);
        });
        Assert.Equal(("new", "interested"), (activities[0].FromValue, activities[0].ToValue));
        Assert.Equal(("cold", "warm"), (activities[1].FromValue, activities[1].ToValue));
        Assert.Equal(("0", "30"), (activities[2].FromValue, activities[2].ToValue));

        // The database holds the lower-case enum text the CHECK constraints expect.
        Assert.Equal(1, await _db.ScalarAsync($"SELECT count(*) FROM contacts WHERE id = '{_contactId}' AND stage = 'interested' AND label = 'warm'"));
        Assert.Equal(1, await _db.ScalarAsync($"SELECT count(*) FROM lead_activities WHERE contact_id = '{_contactId}' AND kind = 'score_changed' AND reasons ? 'lead:signal|price_asked|10'"));
    }

    [Fact]
    public async Task No_change_writes_nothing()
    {
        await NewUpdater().ApplyAsync(_contactId, [LeadSignal.OrderIntent], _messageId, "ai", CancellationToken.None);
        var before = await _db.ScalarAsync($"SELECT count(*) FROM lead_activities WHERE contact_id = '{_contactId}'");

        {
            var again = await NewUpdater().ApplyAsync(_contactId, [], null, "ai", CancellationToken.None);
            Assert.False(again!.AnyChange);
        }

        Assert.True(before > 0);
        Assert.Equal(before, await _db.ScalarAsync($"SELECT count(*) FROM lead_activities WHERE contact_id = '{_contactId}'"));
    }

    [Fact]
    public async Task Concurrent_updates_for_one_contact_do_not_lose_points()
    {
        var tasks = Enumerable.Range(0, 4).Select(async _ =>
        {
            await NewUpdater().ApplyAsync(_contactId, [LeadSignal.PriceAsked], null, "ai", CancellationToken.None);
        });
        await Task.WhenAll(tasks);

        // Each application adds 10 (the first also lifts new → interested with floor 30): 30, 40, 50, 60.
        Assert.Equal(60, await _db.ScalarAsync($"SELECT score FROM contacts WHERE id = '{_contactId}'"));
        Assert.Equal(4, await _db.ScalarAsync($"SELECT count(*) FROM lead_activities WHERE contact_id = '{_contactId}' AND kind = 'score_changed'"));
    }

    [Fact]
    public async Task Unknown_contact_returns_null()
    {
        Assert.Null(await NewUpdater().ApplyAsync(Guid.NewGuid(), [LeadSignal.PriceAsked], null, "ai", CancellationToken.None));
    }
}
