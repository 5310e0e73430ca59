using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.RateLimiting;
using Wire = AiSales.Core.Sending.Transports;

namespace AiSales.Core.Sending;

/// <summary>Maps a ledger row (and the window planner's messaging type) to the adapters' request and the limiter's key.</summary>
public static class SendRequestMapper
{
    /// <summary>outbound_sends.endpoint_class of a public reply under a comment (messaging_type stays "response").</summary>
    public const string CommentReplyEndpointClass = "comment_reply";

    public static bool IsPublicCommentReply(PendingSend send) =>
        send.EndpointClass == CommentReplyEndpointClass && send.CommentId is not null;

    public static Wire.SendRequest ToSend(PendingSend send, MessagingType messagingType)
    {
        if (IsPublicCommentReply(send))
        {
            return new Wire.SendRequest(send.Platform, send.Provider, send.AccountExternalId, send.CommentId!,
                send.Text, send.IdempotencyKey, MessagingType.CommentReply, Wire.RecipientKind.Comment);
        }

        var privateReply = messagingType == MessagingType.PrivateReply && send.CommentId is not null;
        return new Wire.SendRequest(
            send.Platform,
            send.Provider,
            send.AccountExternalId,
            privateReply ? send.CommentId! : send.ContactExternalId,
            send.Text,
            send.IdempotencyKey,
            // A private reply needs the comment it answers; without one it goes as an ordinary message.
            messagingType == MessagingType.PrivateReply && !privateReply ? MessagingType.Response : messagingType,
            privateReply ? Wire.RecipientKind.Comment : Wire.RecipientKind.User,
            send.AttachmentUrl,
            send.AttachmentType ?? "image",
            Template: send.Template,
            ReplyToExternalId: send.ReplyToExternalId,
            Showcase: send.Showcase);
    }

    public static RateLimitKey RateKey(PendingSend send, Wire.SendRequest wire, MessagingType messagingType) => new(
        wire.Platform,
        wire.Provider,
        send.AccountExternalId,
        messagingType == MessagingType.PrivateReply ? EndpointClass.PrivateReply
            : send.EndpointClass == "media" ? EndpointClass.Media : EndpointClass.Text,
        send.Platform == ChannelPlatform.WhatsApp ? wire.Recipient : null);
}
