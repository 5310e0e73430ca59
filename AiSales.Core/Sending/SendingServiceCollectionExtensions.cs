using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Sending;

public static class SendingServiceCollectionExtensions
{
    /// <summary>
    /// The send pipeline's services (ledger, credentials, reconnect, queueing a message to a customer). Reads <c>Sending</c>.
    /// Needs NpgsqlDataSource, TokenProtector (AddTokenProtection), messaging, and AddChannelSenders/AddChannelRateLimiter.
    /// </summary>
    public static IServiceCollection AddOutboundSending(this IServiceCollection services)
    {
        services.AddValidatedOptions<SendingOptions>(SendingOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboundLedger>();
        services.TryAddSingleton<ChannelCredentialsReader>();
        services.TryAddSingleton<ChannelReconnector>();
        services.TryAddSingleton<SendFaultInjection>();
        services.TryAddSingleton<OutboundMessageQueue>();
        services.TryAddSingleton<CommentReplyQueue>();
        return services;
    }
}
