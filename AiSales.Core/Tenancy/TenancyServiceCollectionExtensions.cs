using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Tenancy;

public static class TenancyServiceCollectionExtensions
{
    /// <summary>Scoped <see cref="ICurrentMerchant"/> (fill it via <see cref="CurrentMerchant.Initialize"/>) and <see cref="MerchantData"/>.</summary>
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.TryAddScoped<CurrentMerchant>();
        services.TryAddScoped<ICurrentMerchant>(sp => sp.GetRequiredService<CurrentMerchant>());
        services.TryAddScoped<MerchantData>();
        return services;
    }
}
