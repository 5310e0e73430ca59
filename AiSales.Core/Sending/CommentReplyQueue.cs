using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending;

/// <summary>
/// Queues a reply to a customer's comment through <see cref="OutboundMessageQueue"/>, like a DM: the message
/// (outbound, pending, <c>comment_id</c> set), its outbound_sends ledger row and the <see cref="SendMessage"/> job in ONE
/// transaction. The comment must be an inbound comment of that conversation (checked in the same transaction), so a
/// reply can never be aimed at somebody else's comment.
/// - Public reply: a comment under the customer's comment (ledger <c>messaging_type</c> response, <c>endpoint_class</c>
///   <see cref="SendRequestMapper.CommentReplyEndpointClass"/>); no messaging window applies.
/// - Private reply: a DM to the commenter (ledger <c>private_reply</c>); the window planner allows one per comment,
///   within 7 days of it, and refuses a second one with <c>private_reply_already_sent</c> at send time.
/// </summary>
public sealed class CommentReplyQueue(OutboundMessageQueue outbound)
{
    /// <returns>The new message id.</returns>
    /// <exception cref="KeyNotFoundException">No such conversation for the merchant, or no such comment in it.</exception>
    public Task<Guid> QueuePublicReplyAsync(Guid merchantId, Guid conversationId, string commentId, string text, MessageAuthor author,
        Guid? userId, CancellationToken ct) =>
        outbound.QueueAsync(new OutboundDraft(merchantId, conversationId, text, author, userId, MessagingType.Response,
            MessageKind.Comment, SendRequestMapper.CommentReplyEndpointClass, commentId), ct);

    /// <returns>The new message id.</returns>
    /// <exception cref="KeyNotFoundException">No such conversation for the merchant, or no such comment in it.</exception>
    public Task<Guid> QueuePrivateReplyAsync(Guid merchantId, Guid conversationId, string commentId, string text, MessageAuthor author,
        Guid? userId, CancellationToken ct) =>
        outbound.QueueAsync(new OutboundDraft(merchantId, conversationId, text, author, userId, MessagingType.PrivateReply,
            MessageKind.Text, "private_reply", commentId), ct);
}
