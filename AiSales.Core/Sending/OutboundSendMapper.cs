using AiSales.Core.Channels.RateLimiting;
using AiSales.Core.Inbound;
using AiSales.Core.Persistence.Entities;
using Wire = AiSales.Core.Channels.Sending;

namespace AiSales.Core.Sending;

/// <summary>Maps a ledger row (and the window planner's messaging type) to the adapters' request and the limiter's key.</summary>
public static class OutboundSendMapper
{
    /// <summary>outbound_sends.endpoint_class of a public reply under a comment (messaging_type stays "response").</summary>
    public const string CommentReplyEndpointClass = "comment_reply";

    public static bool IsPublicCommentReply(PendingSend send) =>
        send.EndpointClass == CommentReplyEndpointClass && send.CommentId is not null;

    public static Wire.OutboundSend ToSend(PendingSend send, MessagingType messagingType)
    {
        if (IsPublicCommentReply(send))
        {
            return new Wire.OutboundSend(Platform(send.Platform), Provider(send.Provider), send.AccountExternalId, send.CommentId!,
                send.Text, send.IdempotencyKey, Wire.MessagingType.CommentReply, Wire.RecipientKind.Comment);
        }

        var privateReply = messagingType == MessagingType.PrivateReply && send.CommentId is not null;
        return new Wire.OutboundSend(
            Platform(send.Platform),
            Provider(send.Provider),
            send.AccountExternalId,
            privateReply ? send.CommentId! : send.ContactExternalId,
            send.Text,
            send.IdempotencyKey,
            messagingType switch
            {
                MessagingType.HumanAgent => Wire.MessagingType.HumanAgent,
                MessagingType.PrivateReply when privateReply => Wire.MessagingType.PrivateReply,
                MessagingType.Template => Wire.MessagingType.Template,
                _ => Wire.MessagingType.Response,
            },
            privateReply ? Wire.RecipientKind.Comment : Wire.RecipientKind.User,
            send.AttachmentUrl,
            send.AttachmentType ?? "image",
            Template: send.Template,
            ReplyToExternalId: send.ReplyToExternalId,
            Showcase: send.Showcase);
    }

    public static RateLimitKey RateKey(PendingSend send, Wire.OutboundSend wire, MessagingType messagingType) => new(
        wire.Platform,
        wire.Provider,
        send.AccountExternalId,
        messagingType == MessagingType.PrivateReply ? EndpointClass.PrivateReply
            : send.EndpointClass == "media" ? EndpointClass.Media : EndpointClass.Text,
        send.Platform == ChannelPlatform.WhatsApp ? wire.Recipient : null);

    public static MetaPlatform Platform(ChannelPlatform platform) => platform switch
    {
        ChannelPlatform.Instagram => MetaPlatform.Instagram,
        ChannelPlatform.Messenger => MetaPlatform.Messenger,
        _ => MetaPlatform.WhatsApp,
    };

    public static Wire.ChannelProvider Provider(ChannelProvider provider) => provider switch
    {
        ChannelProvider.ManyChat => Wire.ChannelProvider.ManyChat,
        ChannelProvider.Sandbox => Wire.ChannelProvider.Sandbox,
        _ => Wire.ChannelProvider.Meta,
    };
}
