using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aspire.Npgsql;

/// <summary>Npgsql 8+ emits on its own ActivitySource and Meter, both named "Npgsql"; we only subscribe.</summary>
internal static class NpgsqlTelemetry
{
    public static void Register(IServiceCollection services, bool disableTracing, bool disableMetrics)
    {
        var otel = services.AddOpenTelemetry();
        if (!disableTracing) otel.WithTracing(tracing => tracing.AddNpgsql());
        if (!disableMetrics) otel.WithMetrics(metrics => metrics.AddMeter("Npgsql"));
    }
}
