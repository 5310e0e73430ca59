namespace OpenTelemetry.Metrics;

/// <summary>
/// Substitute for OpenTelemetry.Instrumentation.AspNetCore metrics (lives in the OpenTelemetry.Extensions.Hosting
/// shim): since .NET 8 ASP.NET Core publishes its own meters, so instrumentation is subscribing to them.
/// </summary>
public static class AspNetCoreInstrumentationMeterProviderBuilderExtensions
{
    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Components.Lifecycle",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Identity",
        "Microsoft.AspNetCore.MemoryPool",
    ];

    public static MeterProviderBuilder AddAspNetCoreInstrumentation(this MeterProviderBuilder builder) =>
        builder.AddMeter(Meters);
}
