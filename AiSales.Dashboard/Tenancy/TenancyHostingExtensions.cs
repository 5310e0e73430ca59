using AiSales.Core.Tenancy;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AiSales.Dashboard.Tenancy;

public static class TenancyHostingExtensions
{
    /// <summary>The signed-in merchant for requests (TenantMiddleware) and for interactive circuits (TenantCircuitHandler).</summary>
    public static IHostApplicationBuilder AddMerchantTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTenancy();
        builder.Services.AddScoped<CircuitHandler, TenantCircuitHandler>();
        return builder;
    }
}
