using AiSales.Core.Crm.Odoo;
using AiSales.Core.Shop;

namespace AiSales.Worker.Crm;

public static class OdooSyncHostingExtensions
{
    /// <summary>Odoo both ways (docs/odoo.md): the push jobs and their scheduler, and the applier of Odoo's webhooks. Needs token protection.</summary>
    public static IHostApplicationBuilder AddOdooSync(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOdooClient();
        services.AddShopActions();
        services.AddSingleton<OdooConnectionStore>();
        services.AddScoped<OdooSyncJob>();
        services.AddScoped<OdooWebhookApplier>();
        services.AddSingleton<OdooSyncScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<OdooSyncScheduler>());
        return builder;
    }
}
