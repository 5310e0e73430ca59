using AiSales.Core.Crm.Odoo;

namespace AiSales.Dashboard.Integrations;

public static class IntegrationsHostingExtensions
{
    /// <summary>The Integrations page (docs/odoo.md): Odoo's connection test, stage map and sync status.</summary>
    public static IHostApplicationBuilder AddIntegrations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOdooClient();
        builder.Services.AddScoped<OdooIntegration>();
        return builder;
    }
}
