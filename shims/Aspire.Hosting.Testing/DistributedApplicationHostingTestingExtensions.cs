using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Testing;

public static class DistributedApplicationHostingTestingExtensions
{
    /// <summary>An HttpClient whose BaseAddress is the resource's (first or named) endpoint.</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, string? endpointName = null)
    {
        var project = app.GetResource<IResourceWithEndpoints>(resourceName);
        var endpoint = project.Endpoints.FirstOrDefault(e => endpointName is null || e.Name == endpointName)
            ?? throw new InvalidOperationException($"Resource '{resourceName}' has no endpoint '{endpointName}'.");
        return new HttpClient { BaseAddress = new Uri(endpoint.Url!) };
    }

    public static ValueTask<string?> GetConnectionStringAsync(this DistributedApplication app, string resourceName, CancellationToken cancellationToken = default) =>
        app.GetResource<IResourceWithConnectionString>(resourceName).GetConnectionStringAsync(cancellationToken);

    public static Uri GetEndpoint(this DistributedApplication app, string resourceName, string? endpointName = null) =>
        app.CreateHttpClient(resourceName, endpointName).BaseAddress!;

    private static T GetResource<T>(this DistributedApplication app, string name) where T : IResource =>
        app.Builder.Resources.OfType<T>().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No resource '{name}' of type {typeof(T).Name}.", nameof(name));
}
