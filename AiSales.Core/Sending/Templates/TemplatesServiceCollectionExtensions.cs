using AiSales.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Sending.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Listing a WhatsApp number's templates from Meta and choosing them for events (<see cref="TemplateStore"/>, scoped like
    /// MerchantData). Needs AddChannelSenders (the Graph HttpClient); reads tokens when AddTokenProtection is registered.
    /// </summary>
    public static IServiceCollection AddWhatsAppTemplates(this IServiceCollection services)
    {
        services.AddTenancy();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TemplateListClient>();
        services.TryAddScoped<TemplateStore>();
        return services;
    }
}
