using AiSales.Core.Channels;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports.Comments;
using AiSales.Core.Sending.Transports.Messenger;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Sending.Transports.Instagram;

/// <summary>
/// Instagram messaging, both token flavours, same body as Messenger:
/// Instagram Login → POST {instagram-graph}/{version}/{ig-id}/messages (IG user token);
/// Facebook Login (Page token) → POST {graph}/{version}/{page-id}/messages, where the page id is
/// <see cref="ChannelCredentials.SendAsId"/> (the linked Page) or the account id when that is unset.
/// A public reply under a comment (<see cref="MessagingType.CommentReply"/>) goes to POST {host}/{version}/{comment-id}/replies.
/// </summary>
public sealed class InstagramSender(GraphMessagesTransport transport, IOptions<MetaOptions> endpoints) : IChannelSender
{
    public ChannelProvider Provider => ChannelProvider.Meta;

    public IReadOnlyCollection<ChannelPlatform> Platforms { get; } = [ChannelPlatform.Instagram];

    public Task<SendResult> SendAsync(SendRequest send, ChannelCredentials creds, CancellationToken ct)
    {
        var version = endpoints.Value.GraphApiVersion;
        var hostClient = creds.Flavour == TokenFlavour.InstagramLogin ? ChannelHttpClients.InstagramGraph : ChannelHttpClients.Graph;
        if (send.MessagingType == MessagingType.CommentReply)
            // Public reply: the comment id is the node, on the host that matches the token flavour.
            return CommentReplyBody.PostAsync(transport, hostClient, version, send, creds, ct);

        var (body, problem) = MessengerMessageBody.Build(send);
        if (body is null) return Task.FromResult(SendResult.Failed(problem!));

        var id = creds.Flavour == TokenFlavour.InstagramLogin ? send.AccountExternalId : creds.SendAsId ?? send.AccountExternalId;
        var path = $"{version}/{Uri.EscapeDataString(id)}/messages";
        return transport.PostAsync(hostClient, path, body, send, creds, MessengerMessageBody.ReadMessageId, ct);
    }
}
