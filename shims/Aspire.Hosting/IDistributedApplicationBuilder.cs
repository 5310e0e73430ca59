using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

public interface IResourceCollection : IList<IResource>;

internal sealed class ResourceCollection : List<IResource>, IResourceCollection;

public interface IDistributedApplicationBuilder
{
    ConfigurationManager Configuration { get; }
    IHostEnvironment Environment { get; }
    IServiceCollection Services { get; }
    IResourceCollection Resources { get; }

    /// <summary>Directory of the AppHost project (content root).</summary>
    string AppHostDirectory { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource;
    DistributedApplication Build();
}

public sealed class DistributedApplicationOptions
{
    public string[]? Args { get; set; }
}
