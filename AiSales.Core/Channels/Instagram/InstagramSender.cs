using AiSales.Core.Channels.Messenger;
using AiSales.Core.Channels.Sending;
using AiSales.Core.Inbound;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Channels.Instagram;

/// <summary>
/// Instagram messaging, both token flavours, same body as Messenger:
/// Instagram Login → POST {instagram-graph}/{version}/{ig-id}/messages (IG user token);
/// Facebook Login (Page token) → POST {graph}/{version}/{page-id}/messages, where the page id is
/// <see cref="ChannelCredentials.SendAsId"/> (the linked Page) or the account id when that is unset.
/// </summary>
public sealed class InstagramSender(GraphMessagesTransport transport, IOptions<MetaGraphEndpointOptions> endpoints) : IChannelSender
{
    public ChannelProvider Provider => ChannelProvider.Meta;

    public IReadOnlyCollection<MetaPlatform> Platforms { get; } = [MetaPlatform.Instagram];

    public Task<SendResult> SendAsync(OutboundSend send, ChannelCredentials creds, CancellationToken ct)
    {
        var (body, problem) = MessengerMessageBody.Build(send);
        if (body is null) return Task.FromResult(SendResult.Failed(problem!));

        var version = endpoints.Value.GraphApiVersion;
        var (client, id) = creds.Flavour == TokenFlavour.InstagramLogin
            ? (ChannelHttpClients.InstagramGraph, send.AccountExternalId)
            : (ChannelHttpClients.Graph, creds.SendAsId ?? send.AccountExternalId);
        var path = $"{version}/{Uri.EscapeDataString(id)}/messages";
        return transport.PostAsync(client, path, body, send, creds, MessengerMessageBody.ReadMessageId, ct);
    }
}
