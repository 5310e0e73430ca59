using AiSales.Core.Audit;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Tenancy;
using AiSales.Core.Text;
using Microsoft.AspNetCore.Mvc;

namespace AiSales.Dashboard.Inbox;

/// <summary>
/// POST /inbox/{conversationId}/comments/{commentId}/reply: a human answers a customer's comment, publicly (under the
/// comment) or privately (a DM to the commenter). A plain endpoint rather than a page form because the comment bubble is
/// rendered per message; the form binding validates the antiforgery token. Scoped to the signed-in merchant: the queue
/// checks the comment belongs to that merchant's conversation in the same transaction, so any other id is a 404.
/// </summary>
public static class CommentReplyEndpoints
{
    public static IEndpointRouteBuilder MapCommentReplyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/inbox/{conversationId:guid}/comments/{commentId}/reply", ReplyAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> ReplyAsync(Guid conversationId, string commentId, [FromForm] string? text, [FromForm] string? visibility,
        ICurrentMerchant current, CommentReplyQueue queue, MerchantData data, CancellationToken ct)
    {
        if (current.MerchantId is not { } merchantId) return Results.NotFound();
        var back = $"/inbox/{conversationId}";
        // Same as the DM composer: NUL and other unstorable characters dropped; an empty reply sends nothing and returns
        // to the thread (the textarea is required).
        text = TextSanitizer.Clean(text);
        if (string.IsNullOrWhiteSpace(text)) return Results.Redirect(back);
        if (visibility is not ("public" or "private")) return Results.BadRequest();
        Guid messageId;
        try
        {
            messageId = visibility == "public"
                ? await queue.QueuePublicReplyAsync(merchantId, conversationId, commentId, text.Trim(), MessageAuthor.Human, current.UserId, ct)
                : await queue.QueuePrivateReplyAsync(merchantId, conversationId, commentId, text.Trim(), MessageAuthor.Human, current.UserId, ct);
        }
        catch (KeyNotFoundException)
        {
            return Results.NotFound();
        }
        // Audited like the DM composer's replies: who answered which comment, and how.
        await data.RunAsync(async (db, m) =>
            await new AuditLog(db).RecordAsync(m, current.UserId, AuditActions.HumanReply, "message", messageId.ToString(),
                new { conversation_id = conversationId, comment_id = commentId, visibility }, ct), ct);
        return Results.Redirect(back + "?flash=sent");
    }
}
