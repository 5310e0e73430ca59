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
        // With a model configured (AddAiReplies, called before this, registers its IChatClient), questions the patterns
        // miss go to it with read-only tools; without one the assistant's optional StaffModelQuestions stays null.
        if (services.Any(d => d.ServiceType == typeof(Microsoft.Extensions.AI.IChatClient)))
            services.TryAddSingleton<StaffModelQuestions>();
        services.TryAddScoped<StaffAssistant>();
        services.TryAddSingleton<StaffOutbox>();
        return services;
    }
}
