using AiSales.Core.Persistence.Entities;
using Microsoft.Extensions.Logging;

namespace AiSales.Core.Sending.Transports.Sandbox;

/// <summary>The demo provider: records the send in <see cref="ISandboxOutbox"/> and makes no HTTP call.</summary>
public sealed class SandboxSender(ISandboxOutbox outbox, TimeProvider clock, ILogger<SandboxSender> logger) : IChannelSender
{
    public ChannelProvider Provider => ChannelProvider.Sandbox;

    public IReadOnlyCollection<ChannelPlatform> Platforms { get; } = [ChannelPlatform.Instagram, ChannelPlatform.Messenger, ChannelPlatform.WhatsApp];

    public Task<SendResult> SendAsync(SendRequest send, ChannelCredentials creds, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var id = $"sandbox-{Guid.NewGuid():N}";
        outbox.Record(new SandboxMessage(id, send, clock.GetUtcNow()));
        // Debug: one line per reply at full load; the simulator and the message's status show the send.
        logger.LogDebug("Sandbox send {IdempotencyKey} for {Platform} account {Account} recorded as {ExternalMessageId}",
            send.IdempotencyKey, send.Platform, send.AccountExternalId, id);
        return Task.FromResult(SendResult.Sent(id));
    }
}
