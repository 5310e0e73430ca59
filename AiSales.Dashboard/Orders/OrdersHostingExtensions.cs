using AiSales.Core.Shop;

namespace AiSales.Dashboard.Orders;

public static class OrdersHostingExtensions
{
    /// <summary>The orders page: its queries and the shop's order actions.</summary>
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrderQueries>();
        builder.Services.AddScoped<OrderActions>();
        builder.Services.AddShopActions();
        return builder;
    }
}
