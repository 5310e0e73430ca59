using AiSales.Core.Channels;
using AiSales.Core.Options;
using AiSales.Core.Sending.Transports.Instagram;
using AiSales.Core.Sending.Transports.ManyChat;
using AiSales.Core.Sending.Transports.Messenger;
using AiSales.Core.Sending.Transports.Sandbox;
using AiSales.Core.Sending.Transports.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Sending.Transports;

public static class ChannelSendingServiceCollectionExtensions
{
    /// <summary>
    /// Registers every sender, the <see cref="ChannelSenderRegistry"/>, the sandbox outbox and the
    /// three named HttpClients, each with its own resilience pipeline that never resends a request that may have
    /// reached the platform. Reads <c>Meta</c>, <c>ManyChat</c> and <c>Channels:Sending</c>.
    /// </summary>
    public static IServiceCollection AddChannelSenders(this IServiceCollection services)
    {
        services.AddValidatedOptions<MetaOptions>(MetaOptions.Section);
        services.AddValidatedOptions<ManyChatOptions>(ManyChatOptions.SectionName);
        services.AddValidatedOptions<ChannelSendingOptions>(ChannelSendingOptions.SectionName);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISandboxOutbox, InMemorySandboxOutbox>();
        services.TryAddSingleton<GraphMessagesTransport>();
        // TryAddEnumerable: calling AddChannelSenders twice must not register a sender twice (the registry rejects duplicates).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, InstagramSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, MessengerSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, WhatsAppSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, ManyChatSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, SandboxSender>());
        services.TryAddSingleton<ChannelSenderRegistry>();

        AddClient(services, ChannelHttpClients.Graph, sp => sp.GetRequiredService<IOptions<MetaOptions>>().Value.GraphApiBaseUrl);
        AddClient(services, ChannelHttpClients.InstagramGraph, sp => sp.GetRequiredService<IOptions<MetaOptions>>().Value.InstagramGraphApiBaseUrl);
        AddClient(services, ChannelHttpClients.ManyChat, sp => sp.GetRequiredService<IOptions<ManyChatOptions>>().Value.BaseUrl);
        return services;
    }

    // RemoveAllResilienceHandlers is the package's documented way to replace a handler added by ConfigureHttpClientDefaults.
#pragma warning disable EXTEXP0001
    private static void AddClient(IServiceCollection services, string name, Func<IServiceProvider, string> baseUrl) =>
        services.AddHttpClient(name, (sp, client) =>
            {
                var url = baseUrl(sp);
                client.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            })
            // The default handler already redacts every header value in its logs; say so explicitly
            // for Authorization in case someone narrows that default later.
            .RedactLoggedHeaders(["Authorization"])
            // ServiceDefaults' handler (ConfigureHttpClientDefaults) is one pipeline shared by every client, with
            // options that cannot be told apart per client and a retry that resends POSTs. These clients get their own
            // standard pipeline instead (options "{name}-standard", its own circuit breaker), whatever the host adds.
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler()
            .Configure((o, sp) => ConfigureSendPipeline(o, sp.GetRequiredService<IOptions<ChannelSendingOptions>>().Value));
#pragma warning restore EXTEXP0001

    /// <summary>See <see cref="SendRetryPolicy"/> for why a send is only retried before its request could leave.</summary>
    private static void ConfigureSendPipeline(HttpStandardResilienceOptions o, ChannelSendingOptions sending)
    {
        var budget = sending.Timeout;
        o.Retry.ShouldHandle = SendRetryPolicy.ShouldRetry;
        o.Retry.MaxRetryAttempts = 2;
        o.Retry.Delay = TimeSpan.FromMilliseconds(200);
        // The attempt timeout is what normally ends a hung send (TimeoutRejectedException, not retried for a send);
        // the total leaves room for quick connection retries.
        o.AttemptTimeout.Timeout = budget;
        o.TotalRequestTimeout.Timeout = budget + ChannelSendingOptions.ConnectRetrySlack;
        // The package refuses a breaker sampling window shorter than two attempt timeouts.
        var sampling = budget * 2;
        if (o.CircuitBreaker.SamplingDuration < sampling) o.CircuitBreaker.SamplingDuration = sampling;
    }
}
