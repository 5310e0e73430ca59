using Microsoft.Extensions.ServiceDiscovery.Internal;

namespace Microsoft.Extensions.ServiceDiscovery.Http;

/// <summary>
/// Rewrites <c>http://webhooks/path</c> to the configured endpoint before the request leaves. Placed
/// inside the resilience handler, so every retry resolves again (and may pick the next endpoint).
/// </summary>
internal sealed class ServiceDiscoveryHttpMessageHandler(ConfigurationServiceEndpointResolver resolver) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } original && resolver.Resolve(original) is { } endpoint)
        {
            var rewritten = new UriBuilder(original)
            {
                Scheme = endpoint.Scheme,
                Host = endpoint.Host,
                Port = endpoint.Port,
            };
            // An endpoint with a base path (http://host:port/prefix) keeps it in front of the request's path.
            var basePath = endpoint.AbsolutePath.TrimEnd('/');
            if (basePath.Length > 0) rewritten.Path = basePath + original.AbsolutePath;

            request.RequestUri = rewritten.Uri;
            request.Headers.Host = null;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
