using AiSales.Core.Channels;
using AiSales.Core.Persistence.Entities;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Sending.Transports.WhatsApp;

/// <summary>WhatsApp Cloud API: POST {graph}/{version}/{phone-number-id}/messages with a system-user/business token.</summary>
public sealed class WhatsAppSender(GraphMessagesTransport transport, IOptions<MetaOptions> endpoints) : IChannelSender
{
    public ChannelProvider Provider => ChannelProvider.Meta;

    public IReadOnlyCollection<ChannelPlatform> Platforms { get; } = [ChannelPlatform.WhatsApp];

    public Task<SendResult> SendAsync(SendRequest send, ChannelCredentials creds, CancellationToken ct)
    {
        var (body, problem) = WhatsAppMessageBody.Build(send);
        if (body is null) return Task.FromResult(SendResult.Failed(problem!));

        var path = $"{endpoints.Value.GraphApiVersion}/{Uri.EscapeDataString(send.AccountExternalId)}/messages";
        return transport.PostAsync(ChannelHttpClients.Graph, path, body, send, creds, WhatsAppMessageBody.ReadMessageId, ct);
    }
}
