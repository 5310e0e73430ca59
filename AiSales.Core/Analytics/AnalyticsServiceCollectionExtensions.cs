using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Analytics;

public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="MerchantAnalytics"/>, <see cref="OrderFigures"/> and <see cref="ActivityTrends"/>; needs the NpgsqlDataSource (AddNpgsqlDataSource("aisales")).</summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        services.TryAddSingleton<MerchantAnalytics>();
        services.TryAddSingleton<OrderFigures>();
        services.TryAddSingleton<ActivityTrends>();
        return services;
    }
}
