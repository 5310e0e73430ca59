using OpenTelemetry.Metrics;

namespace OpenTelemetry.Trace
{
    /// <summary>
    /// Substitute for OpenTelemetry.Instrumentation.Http tracing (lives in the OpenTelemetry.Extensions.Hosting
    /// shim): HttpClient's built-in "System.Net.Http" ActivitySource.
    /// </summary>
    public static class HttpClientInstrumentationTracerProviderBuilderExtensions
    {
        public static TracerProviderBuilder AddHttpClientInstrumentation(this TracerProviderBuilder builder) =>
            builder.AddSource("System.Net.Http");
    }
}

namespace OpenTelemetry.Metrics
{
    /// <summary>Substitute for OpenTelemetry.Instrumentation.Http metrics: HttpClient's and DNS's built-in meters.</summary>
    public static class HttpClientInstrumentationMeterProviderBuilderExtensions
    {
        public static MeterProviderBuilder AddHttpClientInstrumentation(this MeterProviderBuilder builder) =>
            builder.AddMeter("System.Net.Http", "System.Net.NameResolution");
    }
}
