using AiSales.Core.Conversions;

namespace AiSales.Worker.Conversions;

public static class ConversionsHostingExtensions
{
    /// <summary>Order events to Meta's Conversions API (docs/conversions.md): the send job and its scheduler. Needs token protection.</summary>
    public static IHostApplicationBuilder AddConversionsSending(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddConversions();
        services.AddScoped<ConversionSendJob>();
        services.AddSingleton<ConversionsScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversionsScheduler>());
        return builder;
    }
}
