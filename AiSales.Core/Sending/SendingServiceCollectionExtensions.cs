using AiSales.Core.Inbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Sending;

public static class SendingServiceCollectionExtensions
{
    /// <summary>
    /// The send pipeline's services (ledger, credentials, reconnect, WhatsApp status reconciliation). Reads <c>Sending</c>.
    /// Needs NpgsqlDataSource, TokenProtector (AddTokenProtection), messaging, and AddChannelSenders/AddChannelRateLimiter.
    /// </summary>
    public static IServiceCollection AddOutboundSending(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SendingOptions>().Bind(configuration.GetSection(SendingOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMetaPayloadNormalizer, MetaPayloadNormalizer>();
        services.TryAddSingleton<OutboundLedger>();
        services.TryAddSingleton<ChannelCredentialsReader>();
        services.TryAddSingleton<ChannelReconnector>();
        services.TryAddSingleton<WhatsAppStatusReconciler>();
        services.TryAddSingleton<SendFaultInjection>();
        services.TryAddSingleton<Conversations.OutboundMessageQueue>();
        services.TryAddSingleton<CommentReplyQueue>();
        services.TryAddSingleton<Staff.StaffOutbox>();
        return services;
    }
}
