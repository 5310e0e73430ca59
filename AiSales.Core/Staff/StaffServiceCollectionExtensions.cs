using AiSales.Core.Analytics;
using AiSales.Core.Shop;
using AiSales.Core.Staff.Assistant;
using AiSales.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>The staff assistant and what it works through: the shop's actions, tenant-scoped reads, the sales figures.</summary>
    public static IServiceCollection AddStaffAssistant(this IServiceCollection services)
    {
        services.AddTenancy();
        services.AddShopActions();
        services.AddAnalytics();
        services.TryAddScoped<StaffAssistant>();
        return services;
    }
}
