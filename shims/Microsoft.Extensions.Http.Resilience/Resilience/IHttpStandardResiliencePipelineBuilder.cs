using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Http.Resilience;

/// <summary>Returned by AddStandardResilienceHandler so callers can configure the options further.</summary>
public interface IHttpStandardResiliencePipelineBuilder
{
    /// <summary>The pipeline's name: the HttpClient's name, or empty for client defaults.</summary>
    string PipelineName { get; }

    IServiceCollection Services { get; }
}
