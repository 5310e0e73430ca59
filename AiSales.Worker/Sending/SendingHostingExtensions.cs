using AiSales.Core.Messaging;
using AiSales.Core.Sending;
using AiSales.Core.Sending.RateLimiting;
using AiSales.Core.Sending.Transports;

namespace AiSales.Worker.Sending;

public static class SendingHostingExtensions
{
    /// <summary>
    /// Sends to customers (docs/sending.md): the channel senders, the per-account rate limiter, the ledger and retries, the
    /// send meter, and the hook that marks a message failed when its send is dead-lettered.
    /// </summary>
    public static IHostApplicationBuilder AddSending(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddChannelSenders();
        services.AddChannelRateLimiter();
        services.AddOutboundSending();
        services.AddSingleton<SendTelemetry>();
        services.AddSingleton<IDeadLetterHook, SendDeadLetterHook>();
        return builder;
    }
}
