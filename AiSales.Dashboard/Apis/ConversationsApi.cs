using System.Security.Claims;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
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
        return api;
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
