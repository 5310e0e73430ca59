using AiSales.Core.Channels;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports.Comments;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Sending.Transports.Messenger;

/// <summary>Messenger Send API: POST {graph}/{version}/{page-id}/messages with the Page token (public comment replies: {comment-id}/comments).</summary>
public sealed class MessengerSender(GraphMessagesTransport transport, IOptions<MetaOptions> endpoints) : IChannelSender
{
    public ChannelProvider Provider => ChannelProvider.Meta;

    public IReadOnlyCollection<ChannelPlatform> Platforms { get; } = [ChannelPlatform.Messenger];

    public Task<SendResult> SendAsync(SendRequest send, ChannelCredentials creds, CancellationToken ct)
    {
        if (send.MessagingType == MessagingType.CommentReply)
            // Public reply under a Page post comment: POST {graph}/{version}/{comment-id}/comments with the Page token.
            return CommentReplyBody.PostAsync(transport, ChannelHttpClients.Graph, endpoints.Value.GraphApiVersion, send, creds, ct);

        var (body, problem) = MessengerMessageBody.Build(send);
        if (body is null) return Task.FromResult(SendResult.Failed(problem!));

        var pageId = creds.SendAsId ?? send.AccountExternalId;
        var path = $"{endpoints.Value.GraphApiVersion}/{Uri.EscapeDataString(pageId)}/messages";
        return transport.PostAsync(ChannelHttpClients.Graph, path, body, send, creds, MessengerMessageBody.ReadMessageId, ct);
    }
}
