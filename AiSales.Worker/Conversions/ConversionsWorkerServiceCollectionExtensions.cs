using AiSales.Core.Conversions;

namespace AiSales.Worker.Conversions;

public static class ConversionsWorkerServiceCollectionExtensions
{
    /// <summary>Order events to Meta's Conversions API: the send job and its scheduler. Needs token protection.</summary>
    public static IServiceCollection AddConversionsSending(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConversions(configuration);
        services.AddScoped<ConversionSendJob>();
        services.AddSingleton<ConversionsScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversionsScheduler>());
        return services;
    }
}
