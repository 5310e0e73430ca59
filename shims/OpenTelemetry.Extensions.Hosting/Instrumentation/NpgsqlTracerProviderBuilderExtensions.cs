using OpenTelemetry.Trace;

namespace Npgsql;

/// <summary>
/// Substitute for Npgsql.OpenTelemetry's <c>AddNpgsql()</c> (lives in the OpenTelemetry.Extensions.Hosting shim):
/// Npgsql 8+ emits its command spans on the built-in "Npgsql" ActivitySource.
/// </summary>
public static class NpgsqlTracerProviderBuilderExtensions
{
    public static TracerProviderBuilder AddNpgsql(this TracerProviderBuilder builder) =>
        builder.AddSource("Npgsql");
}
