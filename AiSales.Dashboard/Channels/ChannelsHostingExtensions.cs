using AiSales.Core.Sending;
using AiSales.Core.Sending.Transports;

namespace AiSales.Dashboard.Channels;

public static class ChannelsHostingExtensions
{
    /// <summary>
    /// The Channels page (docs/channels.md): connecting accounts (by hand or Connect with Meta, section <c>Meta</c>), their
    /// health, a test send, reconnecting, and the WhatsApp commerce settings.
    /// </summary>
    public static IHostApplicationBuilder AddChannels(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddChannelSenders();
        services.AddSingleton<ChannelReconnector>();
        services.AddScoped<ChannelService>();
        services.AddScoped<ChannelHealthService>();
        services.AddScoped<ChannelTestSender>();
        services.AddScoped<CommerceSettingsService>();
        services.AddHttpClient<MetaOAuthClient>();
        return builder;
    }
}
