using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Dashboard.ApiKeys;

public static class ApiKeysServiceCollectionExtensions
{
    /// <summary>
    /// Merchant API keys: <see cref="ApiKeyService"/> (needs the NpgsqlDataSource, AddNpgsqlDataSource("aisales")),
    /// and the owners-only API keys page's policy and actions.
    /// </summary>
    public static IServiceCollection AddApiKeyManagement(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiKeyService>();
        services.AddSingleton<IAuthorizationHandler, MerchantOwnerPolicy.Handler>();
        services.AddAuthorizationBuilder().AddPolicy(MerchantOwnerPolicy.Name, p => p.RequireAuthenticatedUser().AddRequirements(new MerchantOwnerPolicy.Requirement()));
        services.AddScoped<ApiKeyManagement>();
        return services;
    }
}
