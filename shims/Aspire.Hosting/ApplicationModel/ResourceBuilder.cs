namespace Aspire.Hosting.ApplicationModel;

public interface IResourceBuilder<out T> where T : IResource
{
    IDistributedApplicationBuilder ApplicationBuilder { get; }
    T Resource { get; }
}

internal sealed class ResourceBuilder<T>(IDistributedApplicationBuilder builder, T resource) : IResourceBuilder<T> where T : IResource
{
    public IDistributedApplicationBuilder ApplicationBuilder { get; } = builder;
    public T Resource { get; } = resource;
}
