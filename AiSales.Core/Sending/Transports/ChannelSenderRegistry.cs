using AiSales.Core.Channels;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.Transports;

/// <summary>Picks the sender for a channel account's (platform, provider).</summary>
public sealed class ChannelSenderRegistry
{
    private readonly Dictionary<(ChannelPlatform, ChannelProvider), IChannelSender> _senders = new();

    public ChannelSenderRegistry(IEnumerable<IChannelSender> senders)
    {
        foreach (var sender in senders)
        {
            foreach (var platform in sender.Platforms)
            {
                if (!_senders.TryAdd((platform, sender.Provider), sender))
                    throw new InvalidOperationException($"Two channel senders registered for {platform.ToName()}/{sender.Provider.ToName()}.");
            }
        }
    }

    public bool TryGet(ChannelPlatform platform, ChannelProvider provider, out IChannelSender sender) =>
        _senders.TryGetValue((platform, provider), out sender!);

    public IChannelSender Get(ChannelPlatform platform, ChannelProvider provider) =>
        TryGet(platform, provider, out var sender)
            ? sender
            : throw new InvalidOperationException($"No channel sender for {platform.ToName()}/{provider.ToName()}.");

    /// <summary>Resolves and sends in one call.</summary>
    public Task<SendResult> SendAsync(SendRequest send, ChannelCredentials creds, CancellationToken ct) =>
        Get(send.Platform, send.Provider).SendAsync(send, creds, ct);
}
