using AiSales.Core.Messaging;
using AiSales.Core.Sending;

namespace AiSales.Worker.Sending;

/// <summary>A channel was reconnected elsewhere (token already stored): mark it active and send what waited for it.</summary>
public sealed class ChannelReconnectedHandler(ChannelReconnector reconnector, ILogger<ChannelReconnectedHandler> logger)
{
    public async Task Handle(ChannelReconnected message, CancellationToken ct)
    {
        var count = await reconnector.ReconnectChannelAsync(message.ChannelAccountId, null, ct);
        logger.LogInformation("Channel {ChannelAccountId} reconnected; {Count} parked message(s) re-enqueued", message.ChannelAccountId, count);
    }
}
