namespace OpenTelemetry.Metrics;

/// <summary>
/// Substitute for OpenTelemetry.Instrumentation.Runtime (lives in the OpenTelemetry.Extensions.Hosting shim):
/// .NET 9+ publishes GC, thread-pool, JIT and exception metrics on the built-in "System.Runtime" meter.
/// (The real class is called MeterProviderBuilderExtensions; that name collides with the core SDK's type
/// when compiled from source, hence the longer name. Call sites are identical.)
/// </summary>
public static class RuntimeInstrumentationMeterProviderBuilderExtensions
{
    public static MeterProviderBuilder AddRuntimeInstrumentation(this MeterProviderBuilder builder) =>
        builder.AddMeter("System.Runtime");
}
