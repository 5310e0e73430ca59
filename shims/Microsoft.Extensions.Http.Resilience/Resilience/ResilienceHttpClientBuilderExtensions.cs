using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Http.Resilience.Internal;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Substitute for Microsoft.Extensions.Http.Resilience's standard handler, built on Polly.Core.
/// Works on a named client and on <c>ConfigureHttpClientDefaults</c> (no name: every client, each
/// with its own pipeline keyed by the client's name).
/// </summary>
public static class ResilienceHttpClientBuilderExtensions
{
    public static IHttpStandardResiliencePipelineBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder) =>
        AddStandardResilienceHandler(builder, configure: null);

    public static IHttpStandardResiliencePipelineBuilder AddStandardResilienceHandler(
        this IHttpClientBuilder builder, Action<HttpStandardResilienceOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var optionsName = builder.Name ?? Options.Options.DefaultName;

        services.TryAddSingleton<StandardResiliencePipelines>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpStandardResilienceOptions>, HttpStandardResilienceOptionsValidator>());

        // A null name configures every client (what ConfigureHttpClientDefaults passes).
        if (configure is not null) services.Configure(builder.Name, configure);
        services.AddOptions<HttpStandardResilienceOptions>(optionsName).ValidateOnStart();

        services.Configure<HttpClientFactoryOptions>(builder.Name, factory =>
        {
            // The pipeline owns timeouts; HttpClient's own 100 s default would otherwise cut across them.
            factory.HttpClientActions.Add(client => client.Timeout = Timeout.InfiniteTimeSpan);
            factory.HttpMessageHandlerBuilderActions.Add(handlers =>
            {
                var name = handlers.Name ?? Options.Options.DefaultName;
                var pipeline = handlers.Services.GetRequiredService<StandardResiliencePipelines>().Get(name);
                handlers.AdditionalHandlers.Add(new StandardResilienceHandler(pipeline, name));
            });
        });

        return new HttpStandardResiliencePipelineBuilder(optionsName, services);
    }

    /// <summary>Adds more configuration to the pipeline's options.</summary>
    public static IHttpStandardResiliencePipelineBuilder Configure(
        this IHttpStandardResiliencePipelineBuilder builder, Action<HttpStandardResilienceOptions> configure)
    {
        builder.Services.Configure(builder.PipelineName, configure);
        return builder;
    }

    private sealed record HttpStandardResiliencePipelineBuilder(string PipelineName, IServiceCollection Services)
        : IHttpStandardResiliencePipelineBuilder;
}
