using AiSales.Core.Channels.Sending;
using AiSales.Core.Inbound;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Channels.Messenger;

/// <summary>Messenger Send API: POST {graph}/{version}/{page-id}/messages with the Page token.</summary>
public sealed class MessengerSender(GraphMessagesTransport transport, IOptions<MetaGraphEndpointOptions> endpoints) : IChannelSender
{
    public ChannelProvider Provider => ChannelProvider.Meta;

    public IReadOnlyCollection<MetaPlatform> Platforms { get; } = [MetaPlatform.Messenger];

    public Task<SendResult> SendAsync(OutboundSend send, ChannelCredentials creds, CancellationToken ct)
    {
        var (body, problem) = MessengerMessageBody.Build(send);
        if (body is null) return Task.FromResult(SendResult.Failed(problem!));

        var pageId = creds.SendAsId ?? send.AccountExternalId;
        var path = $"{endpoints.Value.GraphApiVersion}/{Uri.EscapeDataString(pageId)}/messages";
        return transport.PostAsync(ChannelHttpClients.Graph, path, body, send, creds, MessengerMessageBody.ReadMessageId, ct);
    }
}
