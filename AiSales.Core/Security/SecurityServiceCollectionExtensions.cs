using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Binds "Security", validates it at start-up and registers <see cref="TokenProtector"/>. Key rotation's
    /// <see cref="TokenReencryption"/> is registered by the one host that runs it (the Dashboard's ops API).</summary>
    public static IServiceCollection AddTokenProtection(this IServiceCollection services)
    {
        services.AddValidatedOptions<SecurityOptions>(SecurityOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.TryAddSingleton<TokenProtector>();
        return services;
    }
}
