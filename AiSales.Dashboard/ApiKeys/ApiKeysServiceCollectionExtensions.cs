using AiSales.Core.ApiKeys;
using Microsoft.AspNetCore.Authorization;

namespace AiSales.Dashboard.ApiKeys;

public static class ApiKeysPageServiceCollectionExtensions
{
    /// <summary>The owners-only API keys page: its policy and its actions (ApiKeyService itself comes with AddApiKeys).</summary>
    public static IServiceCollection AddApiKeyManagement(this IServiceCollection services)
    {
        services.AddApiKeys();
        services.AddSingleton<IAuthorizationHandler, MerchantOwnerPolicy.Handler>();
        services.AddAuthorizationBuilder().AddPolicy(MerchantOwnerPolicy.Name, p => p.RequireAuthenticatedUser().AddRequirements(new MerchantOwnerPolicy.Requirement()));
        services.AddScoped<ApiKeyManagement>();
        return services;
    }
}
