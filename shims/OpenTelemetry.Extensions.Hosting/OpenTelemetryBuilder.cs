using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OpenTelemetry;

/// <summary>
/// Returned by <c>services.AddOpenTelemetry()</c>. Every method forwards to the core SDK's
/// <see cref="OpenTelemetryBuilderSdkExtensions"/>, which own the provider registration; this type
/// only keeps the fluent, instance-method shape of the real hosting package.
/// </summary>
public sealed class OpenTelemetryBuilder(IServiceCollection services) : IOpenTelemetryBuilder
{
    public IServiceCollection Services { get; } = services;

    public OpenTelemetryBuilder ConfigureResource(Action<ResourceBuilder> configure)
    {
        OpenTelemetryBuilderSdkExtensions.ConfigureResource(this, configure);
        return this;
    }

    public OpenTelemetryBuilder WithMetrics() => WithMetrics(_ => { });

    public OpenTelemetryBuilder WithMetrics(Action<MeterProviderBuilder> configure)
    {
        OpenTelemetryBuilderSdkExtensions.WithMetrics(this, configure);
        return this;
    }

    public OpenTelemetryBuilder WithTracing() => WithTracing(_ => { });

    public OpenTelemetryBuilder WithTracing(Action<TracerProviderBuilder> configure)
    {
        OpenTelemetryBuilderSdkExtensions.WithTracing(this, configure);
        return this;
    }

    public OpenTelemetryBuilder WithLogging() => WithLogging(configureBuilder: null, configureOptions: null);

    public OpenTelemetryBuilder WithLogging(Action<LoggerProviderBuilder> configure) =>
        WithLogging(configure, configureOptions: null);

    public OpenTelemetryBuilder WithLogging(Action<LoggerProviderBuilder>? configureBuilder, Action<OpenTelemetryLoggerOptions>? configureOptions)
    {
        OpenTelemetryBuilderSdkExtensions.WithLogging(this, configureBuilder ?? (_ => { }), configureOptions ?? (_ => { }));
        return this;
    }
}
