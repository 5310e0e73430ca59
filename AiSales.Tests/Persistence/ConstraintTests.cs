using AiSales.Core.Persistence.Entities;
using Npgsql;

namespace AiSales.Tests.Persistence;

/// <summary>The guarantees other code leans on are enforced by the database itself, not only by callers.</summary>
public sealed class ConstraintTests : IAsyncLifetime
{
    private PersistenceDatabase _db = null!;
    private Guid _merchant, _channel, _contact, _conversation;

    public async Task InitializeAsync()
    {
        _db = await PersistenceDatabase.CreateAsync(migrate: true);
        _merchant = Guid.NewGuid(); _channel = Guid.NewGuid(); _contact = Guid.NewGuid(); _conversation = Guid.NewGuid();
        await using var ctx = _db.CreateContext();
        ctx.AddRange(
            new Merchant { Id = _merchant, Name = "m", Slug = "constraints" },
            new ChannelAccount { Id = _channel, MerchantId = _merchant, Platform = ChannelPlatform.Instagram, Provider = ChannelProvider.Sandbox, ExternalId = "ig-1" },
            new Contact { Id = _contact, MerchantId = _merchant, ChannelAccountId = _channel, ExternalId = "igsid-1" },
            new Conversation { Id = _conversation, MerchantId = _merchant, ChannelAccountId = _channel, ContactId = _contact });
        await ctx.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<string?> ViolationAsync(string sql)
    {
        try
        {
            await _db.ScalarAsync(sql + "; SELECT 0");
            return null;
        }
        catch (PostgresException ex)
        {
            return ex.SqlState;
        }
    }

    [Fact]
    public async Task Redelivered_message_ids_collide_per_channel_account_and_unsent_ones_do_not()
    {
        string Insert(string? externalId) =>
            $"INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, status, external_id) " +
            $"VALUES ('{_merchant}', '{_conversation}', '{_channel}', 'inbound', 'customer', 'received', {(externalId is null ? "NULL" : $"'{externalId}'")})";

        Assert.Null(await ViolationAsync(Insert("mid.1")));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, await ViolationAsync(Insert("mid.1")));
        Assert.Null(await ViolationAsync(Insert(null)));
        Assert.Null(await ViolationAsync(Insert(null)));
        Assert.Equal(1, await _db.ScalarAsync($"""
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, status, external_id)
            VALUES ('{_merchant}', '{_conversation}', '{_channel}', 'inbound', 'customer', 'received', 'mid.1')
            ON CONFLICT (channel_account_id, external_id) DO NOTHING;
            SELECT count(*) FROM messages WHERE external_id = 'mid.1'
            """));
    }

    [Fact]
    public async Task Only_one_open_conversation_per_contact()
    {
        var open = $"INSERT INTO conversations (merchant_id, channel_account_id, contact_id) VALUES ('{_merchant}', '{_channel}', '{_contact}')";
        Assert.Equal(PostgresErrorCodes.UniqueViolation, await ViolationAsync(open));

        Assert.Null(await ViolationAsync($"UPDATE conversations SET status = 'closed' WHERE id = '{_conversation}'"));
        Assert.Null(await ViolationAsync(open));
    }

    [Theory]
    [InlineData("UPDATE contacts SET score = 101")]
    [InlineData("UPDATE contacts SET stage = 'bought'")]
    [InlineData("UPDATE channel_accounts SET platform = 'telegram'")]
    [InlineData("UPDATE conversations SET owner = 'bot'")]
    public async Task Values_outside_the_enums_are_rejected(string sql)
    {
        Assert.Equal(PostgresErrorCodes.CheckViolation, await ViolationAsync(sql));
    }

    [Fact]
    public async Task Deleting_a_merchant_removes_its_rows_and_keeps_the_audit_trail()
    {
        await _db.ScalarAsync($"INSERT INTO audit_log (merchant_id, actor, action) VALUES ('{_merchant}', 'system', 'test'); SELECT 0");
        await _db.ScalarAsync($"DELETE FROM merchants WHERE id = '{_merchant}'; SELECT 0");

        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM conversations"));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM contacts"));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM audit_log WHERE merchant_id IS NULL AND action = 'test'"));
    }
}
