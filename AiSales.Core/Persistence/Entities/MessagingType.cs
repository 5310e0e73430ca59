namespace AiSales.Core.Persistence.Entities;

/// <summary>
/// How a message may be sent. The window planner picks it (stored on the ledger row); the channel adapters only
/// translate it to the wire: Response = inside the 24 h window; HumanAgent = Messenger/IG HUMAN_AGENT tag (7 days,
/// humans only); PrivateReply = reply to a comment (recipient.comment_id); Template = WhatsApp template;
/// CommentReply = a PUBLIC reply under the comment (Instagram <c>POST /{comment-id}/replies</c>, Facebook Page
/// <c>POST /{comment-id}/comments</c>) with the comment id as the recipient. A public reply is stored as Response with
/// endpoint class <c>comment_reply</c> (the column's CHECK lists the first four), so CommentReply exists on the wire only.
/// </summary>
public enum MessagingType
{
    Response,
    HumanAgent,
    PrivateReply,
    Template,
    CommentReply,
}
