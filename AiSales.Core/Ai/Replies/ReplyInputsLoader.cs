using AiSales.Core.Ai.Offline;
using AiSales.Core.Ai.Turns;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

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
        var head = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new
            {
                Conversation = c,
                Merchant = db.Merchants.Single(m => m.Id == c.MerchantId),
                Platform = db.ChannelAccounts.Where(a => a.Id == c.ChannelAccountId).Select(a => a.Platform).Single(),
                Trigger = db.Messages.Where(m => m.Id == triggerMessageId && m.ConversationId == c.Id)
                    .Select(m => new { m.Id, m.CreatedAt }).FirstOrDefault(),
            })
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
        // The latest messages by author as correlated sub-queries: one statement instead of four.
        var row = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new TurnRow
            {
                Status = c.Status,
                Owner = c.Owner,
                LastHumanMessageAt = c.LastHumanMessageAt,
                LatestCustomer = db.Messages.Where(m => m.ConversationId == c.Id && m.Author == MessageAuthor.Customer)
                    .OrderByDescending(m => m.CreatedAt).Select(m => new LatestMessage { Id = m.Id, CreatedAt = m.CreatedAt }).FirstOrDefault(),
                LastHumanAt = db.Messages.Where(m => m.ConversationId == c.Id && m.Author == MessageAuthor.Human)
                    .Max(m => (DateTimeOffset?)m.CreatedAt),
                LastAiAt = db.Messages.Where(m => m.ConversationId == c.Id && m.Author == MessageAuthor.Ai)
                    .Max(m => (DateTimeOffset?)m.CreatedAt),
            })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new ConversationTurnState(
            row.Status, row.Owner, row.LatestCustomer?.Id, row.LatestCustomer?.CreatedAt,
            Max(row.LastHumanMessageAt, row.LastHumanAt), row.LastAiAt);
    }

    private sealed class TurnRow
    {
        public ConversationStatus Status { get; init; }
        public ConversationOwner Owner { get; init; }
        public DateTimeOffset? LastHumanMessageAt { get; init; }
        public LatestMessage? LatestCustomer { get; init; }
        public DateTimeOffset? LastHumanAt { get; init; }
        public DateTimeOffset? LastAiAt { get; init; }
    }

    private sealed class LatestMessage
    {
        public Guid Id { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    public static CatalogItem ToCatalogItem(Product p) =>
        new(p.Id, p.NameAr, p.NameEn, p.Aliases, p.PriceIqd, p.Stock, p.Variants.Sizes, p.Variants.Colors, p.Active);

    // The platform's timestamp when we have it (ordering of a burst), else when we stored the row.
    private static DateTimeOffset At(Message m) => m.ExternalTimestamp ?? m.CreatedAt;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
