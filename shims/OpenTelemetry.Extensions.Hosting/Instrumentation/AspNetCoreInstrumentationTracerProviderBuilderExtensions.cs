using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Instrumentation.AspNetCore;

namespace OpenTelemetry.Trace;

/// <summary>
/// Substitute for OpenTelemetry.Instrumentation.AspNetCore (lives in the OpenTelemetry.Extensions.Hosting
/// shim): listens to ASP.NET Core's built-in "Microsoft.AspNetCore" ActivitySource.
/// </summary>
public static class AspNetCoreInstrumentationTracerProviderBuilderExtensions
{
    public static TracerProviderBuilder AddAspNetCoreInstrumentation(this TracerProviderBuilder builder) =>
        AddAspNetCoreInstrumentation(builder, configure: null);

    public static TracerProviderBuilder AddAspNetCoreInstrumentation(
        this TracerProviderBuilder builder, Action<AspNetCoreTraceInstrumentationOptions>? configure)
    {
        var options = new AspNetCoreTraceInstrumentationOptions();
        configure?.Invoke(options);

        builder.ConfigureServices(services => services.AddHttpContextAccessor());
        return builder
            .AddSource("Microsoft.AspNetCore")
            .AddProcessor(sp => new AspNetCoreRequestSpanProcessor(
                sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>(), options));
    }
}
