using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Dashboard.Simulator;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the typed <see cref="SimulatorClient"/> (posting to http://webhooks, resolved by service discovery)
    /// <see cref="SimulatorFeed"/> and <see cref="SimulatedCustomerProfile"/> (both need the NpgsqlDataSource). Returns the client builder so a host or test
    /// can change its handler.
    /// </summary>
    public static IHttpClientBuilder AddSimulator(this IServiceCollection services)
    {
        services.AddOptions<SimulatorOptions>()
            .Configure<IConfiguration>((o, config) =>
            {
                config.GetSection(SimulatorOptions.Section).Bind(o);
                o.AppSecret ??= config.GetSection("Meta:AppSecrets").Get<string[]>()?.FirstOrDefault(s => !string.IsNullOrEmpty(s));
            });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SimulatorFeed>();
        services.TryAddSingleton<SimulatedCustomerProfile>();
        // The per-call CancelAfter bounds each call; HttpClient's own timeout would fire first with a less clear error.
        return services.AddHttpClient<SimulatorClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);
    }
}
