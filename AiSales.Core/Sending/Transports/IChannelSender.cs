using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.Transports;

/// <summary>
/// Sends one message through one (platform, provider) pair. Implementations never throw for platform
/// or network failures: every failure becomes a classified <see cref="SendResult"/>. Only the caller's
/// own cancellation surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public interface IChannelSender
{
    ChannelProvider Provider { get; }

    /// <summary>The platforms this sender serves for <see cref="Provider"/>.</summary>
    IReadOnlyCollection<ChannelPlatform> Platforms { get; }

    Task<SendResult> SendAsync(SendRequest send, ChannelCredentials creds, CancellationToken ct);
}
