using AiSales.Core.Ai.Offline;
using AiSales.Core.Ai.Turns;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiSales.Core.Ai.Replies;

/// <summary>What a GenerateReply handler needs, read in one place: the engine's context, the turn-policy inputs, and ids.</summary>
public sealed record ReplyInputs(
    ReplyContext Context,
    TurnTrigger Trigger,
    ConversationTurnState State,
    TimeSpan HumanQuietPeriod,
    Guid ContactId,
    Guid ChannelAccountId);

/// <summary>
/// Reads a conversation for reply generation (no tracking, no writes). The burst is every customer text since the
/// last AI/human message, oldest first, joined with new lines — so fragments become one question; the history is
/// the ten messages before it. Also used for the re-check after generation (<see cref="LoadStateAsync"/>).
/// </summary>
public sealed class ReplyInputsLoader(AiSalesDbContext db)
{
    private const int HistoryWindow = 40;

    /// <summary>Null when the conversation or the trigger message does not exist (deleted merchant, bad job).</summary>
    public async Task<ReplyInputs?> LoadAsync(Guid conversationId, Guid triggerMessageId, CancellationToken ct)
    {
        // One statement for the conversation, its merchant, channel platform and trigger, one for the turn state: this
        // runs for every reply, and each separate query is a round trip plus EF's per-query work (bench/reply-cost.sh).
        // Plain key joins: EF's sub-query form of the same projection cost ~1 ms of Postgres time per call.
        var head = await (
                from c in db.Conversations.AsNoTracking()
                join m in db.Merchants.AsNoTracking() on c.MerchantId equals m.Id
                join a in db.ChannelAccounts.AsNoTracking() on c.ChannelAccountId equals a.Id
                join t in db.Messages.AsNoTracking().Where(t => t.Id == triggerMessageId) on c.Id equals t.ConversationId into triggers
                from t in triggers.DefaultIfEmpty()
                where c.Id == conversationId
                select new { Conversation = c, Merchant = m, a.Platform, Trigger = t == null ? null : new { t.Id, t.CreatedAt } })
            .SingleOrDefaultAsync(ct);
        if (head?.Trigger is null)
            return null;
        var state = await LoadStateAsync(conversationId, ct) ?? throw new InvalidOperationException("Conversation vanished.");
        var conversation = head.Conversation;
        var merchant = head.Merchant;

        var messages = (await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.DeletedAt == null)
                .OrderByDescending(m => m.CreatedAt).Take(HistoryWindow).ToListAsync(ct))
            .OrderBy(At).ToList();

        var lastReplyIndex = messages.FindLastIndex(m => m.Author is MessageAuthor.Ai or MessageAuthor.Human);
        var burst = messages.Skip(lastReplyIndex + 1)
            .Where(m => m.Author == MessageAuthor.Customer && !string.IsNullOrWhiteSpace(m.Text)).ToList();
        var history = messages.Take(lastReplyIndex + 1)
            .Where(m => m.Author != MessageAuthor.System && !string.IsNullOrWhiteSpace(m.Text))
            .TakeLast(PromptBuilder.MaxRecentMessages)
            .Select(m => new ConversationTurn(m.Author, m.Text!)).ToList();

        var products = await db.Products.AsNoTracking()
            .Where(p => p.MerchantId == conversation.MerchantId && p.Active).ToListAsync(ct);

        var context = new ReplyContext(
            merchant.Id, merchant.Name, merchant.AiSettings, history,
            string.Join('\n', burst.Select(m => m.Text!.Trim())),
            products.Select(ToCatalogItem).ToList(), head.Platform);

        return new ReplyInputs(
            context,
            // Turn decisions compare our own stored times only (one clock), never Meta's timestamps.
            new TurnTrigger(head.Trigger.Id, head.Trigger.CreatedAt),
            state,
            TimeSpan.FromMinutes(merchant.AiSettings.HumanQuietMinutes),
            conversation.ContactId,
            conversation.ChannelAccountId);
    }

    /// <summary>The conversation's current turn state (call again after generation, before sending). One statement.</summary>
    public async Task<ConversationTurnState?> LoadStateAsync(Guid conversationId, CancellationToken ct)
    {
        // Hand-written: EF turned the per-author sub-queries into grouped joins over every message of every
        // conversation (7 ms a call at 30k messages, pg_stat_statements via bench/reply-cost.sh). Each sub-query here
        // walks ix_messages_conversation_created_at of this one conversation.
        const string sql = """
            SELECT c.status, c.owner, c.last_human_message_at, lc.id, lc.created_at,
                (SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.author = 'human'),
                (SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.author = 'ai')
            FROM conversations c
            LEFT JOIN LATERAL (
                SELECT m.id, m.created_at FROM messages m
                WHERE m.conversation_id = c.id AND m.author = 'customer'
                ORDER BY m.created_at DESC LIMIT 1) lc ON true
            WHERE c.id = $1
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = conversationId });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
            return new ConversationTurnState(
                EnumText<ConversationStatus>.Parse(reader.GetString(0)),
                EnumText<ConversationOwner>.Parse(reader.GetString(1)),
                reader.IsDBNull(3) ? null : reader.GetGuid(3),
                At(4),
                Max(At(2), At(5)),
                At(6));
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    public static CatalogItem ToCatalogItem(Product p) =>
        new(p.Id, p.NameAr, p.NameEn, p.Aliases, p.PriceIqd, p.Stock, p.Variants.Sizes, p.Variants.Colors, p.Active);

    // The platform's timestamp when we have it (ordering of a burst), else when we stored the row.
    private static DateTimeOffset At(Message m) => m.ExternalTimestamp ?? m.CreatedAt;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
