using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Shop;

public static class ShopServiceCollectionExtensions
{
    /// <summary>
    /// The shop's actions (orders, conversations, prices and stock, the AI pause), shared by the dashboard and the staff
    /// assistant. Scoped like <see cref="Tenancy.MerchantData"/>, which they write through (tenant role, row-level security).
    /// </summary>
    public static IServiceCollection AddShopActions(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<OrderStatusChanger>();
        services.TryAddSingleton<Sending.Windows.WindowPlanner>(); // whether a shipped order can be told to the customer now
        services.TryAddSingleton<Conversations.HandBackReply>();
        services.TryAddScoped<ConversationOwnership>();
        services.TryAddScoped<ProductEdits>();
        services.TryAddScoped<AiPause>();
        return services;
    }
}
