using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Crm.Odoo;

public static class OdooServiceCollectionExtensions
{
    /// <summary>The JSON-RPC client (timeout from section "Odoo", validated at start) and the connection tester.</summary>
    public static IServiceCollection AddOdooClient(this IServiceCollection services)
    {
        services.AddValidatedOptions<OdooOptions>(OdooOptions.Section);
        services.AddHttpClient<OdooRpcClient>((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<OdooOptions>>().Value.Timeout);
        services.AddTransient<OdooConnectionTester>();
        return services;
    }
}
