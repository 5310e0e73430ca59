using System.Security.Claims;
using AiSales.Core.Conversations;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Apis;

/// <summary>Conversations of the key's merchant and their messages.</summary>
public static class ConversationsApi
{
    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Conversations");
        conversations.MapGet("/", ListAsync).WithName("ListConversations")
            .WithSummary("Conversations, most recent message first; filter by owner (ai|human), status (open|closed), channel.");
        conversations.MapGet("/{id:guid}/messages", MessagesAsync).WithName("ListMessages")
            .WithSummary("A conversation's messages in platform order, with each outbound message's delivery status.");
        conversations.MapPost("/{id:guid}/messages", ReplyAsync).WithName("SendHumanReply")
            .WithSummary("Queue a human reply (the human takes the conversation over); refused when the platform's reply window is closed.");
        return api;
    }

    public const int MaxReplyLength = 2000;

    public static async Task<Results<Accepted<QueuedReply>, ProblemHttpResult, ValidationProblem>> ReplyAsync(
        Guid id, HumanReply reply, ClaimsPrincipal user, AiSalesDbContext db, OutboundMessageQueue queue, IReplyWindow window,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        // NUL and other unstorable characters are dropped rather than refused (same rule as the composer and webhooks).
        var text = TextSanitizer.Clean(reply.Text)?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxReplyLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"Text is required, at most {MaxReplyLength} characters."] });

        var merchantId = user.MerchantId();
        var target = await (from c in db.Conversations.AsNoTracking()
                            join a in db.ChannelAccounts.AsNoTracking() on c.ChannelAccountId equals a.Id
                            where c.Id == id && c.MerchantId == merchantId
                            select new { a.Platform, c.LastCustomerMessageAt }).FirstOrDefaultAsync(ct);
        if (target is null)
            return MerchantApiRequest.NotFound("conversation");

        // Same rule as the dashboard composer: a human may answer inside the platform's window (HUMAN_AGENT up to 7 days).
        var decision = window.Decide(target.Platform, target.LastCustomerMessageAt, clock.GetUtcNow());
        if (!decision.CanSend)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Reply window closed", detail: decision.Reason);

        Guid messageId;
        try
        {
            messageId = await queue.QueueAsync(merchantId, id, text, MessageAuthor.Human, null, decision.MessagingType, ct);
        }
        catch (KeyNotFoundException)
        {
            return MerchantApiRequest.NotFound("conversation"); // deleted between the check and the queue
        }
        loggers.CreateLogger(typeof(ConversationsApi)).LogInformation("Human reply {MessageId} queued through API key {Actor} in conversation {ConversationId}",
            messageId, user.Actor(), id);
        return TypedResults.Accepted($"{MerchantApiExtensions.RoutePrefix}/conversations/{id}/messages",
            new QueuedReply(messageId, EnumText<MessagingType>.ToText(decision.MessagingType), decision.ClosesAt));
    }

    public static async Task<Results<Ok<PagedResult<ConversationDto>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, AiSalesDbContext db, string? owner, string? status, string? channel, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        MerchantApiRequest.TryFilter<ConversationOwner>(owner, "owner", errors, out var ownerFilter);
        MerchantApiRequest.TryFilter<ConversationStatus>(status, "status", errors, out var statusFilter);
        MerchantApiRequest.TryFilter<ChannelPlatform>(channel, "channel", errors, out var channelFilter);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var merchantId = user.MerchantId();
        var (p, size) = MerchantApiRequest.Paging(page, pageSize);
        var query =
            from c in db.Conversations.AsNoTracking()
            join a in db.ChannelAccounts.AsNoTracking() on c.ChannelAccountId equals a.Id
            where c.MerchantId == merchantId && a.MerchantId == merchantId
            select new { c, a.Platform };
        if (ownerFilter is { } o) query = query.Where(x => x.c.Owner == o);
        if (statusFilter is { } s) query = query.Where(x => x.c.Status == s);
        if (channelFilter is { } ch) query = query.Where(x => x.Platform == ch);

        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(x => x.c.LastMessageAt.HasValue).ThenByDescending(x => x.c.LastMessageAt).ThenBy(x => x.c.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<ConversationDto>([.. rows.Select(x => ConversationDto.From(x.c, x.Platform))], p, size, total));
    }

    public static async Task<Results<Ok<PagedResult<MessageDto>>, ProblemHttpResult>> MessagesAsync(
        Guid id, ClaimsPrincipal user, AiSalesDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        var merchantId = user.MerchantId();
        if (!await db.Conversations.AnyAsync(c => c.Id == id && c.MerchantId == merchantId, ct))
            return MerchantApiRequest.NotFound("conversation");
        var (p, size) = MerchantApiRequest.Paging(page, pageSize);
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == id && m.MerchantId == merchantId);
        var total = await query.CountAsync(ct);
        var items = await query
            .OrderBy(m => m.ExternalTimestamp ?? m.CreatedAt).ThenBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<MessageDto>([.. items.Select(MessageDto.From)], p, size, total));
    }
}
