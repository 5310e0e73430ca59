using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Implementation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Substitute for OpenTelemetry.Extensions.Hosting's entry point: registers the SDK through the core
/// package's builder extensions and starts the providers with the host.
/// </summary>
public static class OpenTelemetryServicesExtensions
{
    public static OpenTelemetryBuilder AddOpenTelemetry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Index 0 so the providers exist (and their listeners are attached) before any other hosted
        // service starts producing spans or metrics. Added once however often AddOpenTelemetry is called.
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TelemetryHostedService)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, TelemetryHostedService>());
        }

        return new OpenTelemetryBuilder(services);
    }
}
