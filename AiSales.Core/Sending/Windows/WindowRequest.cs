using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.Windows;

/// <summary>Who is about to write. The AI and a person have different rights outside the 24 h window.</summary>
public enum SendAuthor
{
    Ai,
    Human,
}

/// <summary>
/// Everything the window rules need about one intended send. Times are UTC instants; <paramref name="Now"/> is
/// passed in (not read from a clock) so the rules are a pure function and testable to the minute.
/// </summary>
/// <param name="LastCustomerMessageAt">The customer's last message/postback/reaction (opens the standard window).</param>
/// <param name="CommentId">Set when this send is a private reply to a comment (recipient.comment_id).</param>
/// <param name="CommentCreatedAt">When that comment was made (the 7-day private reply limit counts from it).</param>
/// <param name="PrivateReplyAlreadySent">Whether a private reply to that comment already went out (only one is allowed).</param>
/// <param name="IsTemplate">A WhatsApp approved template chosen by a person.</param>
/// <param name="IsPublicCommentReply">A public reply under the comment (a comment, not a message: no messaging window).</param>
public sealed record WindowRequest(
    ChannelPlatform Platform,
    SendAuthor Author,
    DateTimeOffset? LastCustomerMessageAt,
    DateTimeOffset Now,
    string? CommentId = null,
    DateTimeOffset? CommentCreatedAt = null,
    bool PrivateReplyAlreadySent = false,
    bool IsTemplate = false,
    bool IsPublicCommentReply = false);
