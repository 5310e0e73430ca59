using Microsoft.AspNetCore.Http;

namespace OpenTelemetry.Instrumentation.AspNetCore;

/// <summary>Subset of OpenTelemetry.Instrumentation.AspNetCore's options that we use.</summary>
public class AspNetCoreTraceInstrumentationOptions
{
    /// <summary>Return false to drop the request's span (e.g. health probes).</summary>
    public Func<HttpContext, bool>? Filter { get; set; }
}
