using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The HTTP hardening every service puts first in its pipeline: the client's scheme and address taken from
/// X-Forwarded-* only when the request comes from a configured proxy, HSTS (and, for the dashboard, HTTPS redirection)
/// outside Development, and the security headers. Deployment behind TLS: docs/SECURITY.md.
/// </summary>
public static class WebHardeningExtensions
{
    /// <summary>Configuration section: KnownProxies (IP addresses) and KnownNetworks (CIDR, e.g. "10.0.0.0/8").</summary>
    public const string ForwardedHeadersSection = "ForwardedHeaders";

    /// <summary>For services that serve no pages (JSON APIs, health): nothing may load, nothing may frame them.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <param name="contentSecurityPolicy">The Content-Security-Policy header of every response.</param>
    /// <param name="redirectToHttps">
    /// Only for what people open in a browser (the dashboard): service-to-service calls inside the deployment use
    /// plain http and must not be redirected. Redirects only when an https port is known (HTTPS_PORT or an https
    /// endpoint), so a test host or an http-only development run is left alone.
    /// </param>
    public static WebApplication UseWebHardening(this WebApplication app, string contentSecurityPolicy = ApiContentSecurityPolicy,
        bool redirectToHttps = false)
    {
        if (ForwardedHeadersFromConfiguration(app.Configuration, app.Logger) is { } forwarded)
            app.UseForwardedHeaders(forwarded);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            if (redirectToHttps) app.UseHttpsRedirection();
        }
        app.Use((context, next) =>
        {
            // Set as the response starts, not before the pipeline runs: the exception handler clears the headers of a
            // failed response, and error and status-code pages must carry them too.
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.ContentSecurityPolicy = contentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY"; // frame-ancestors for browsers that predate it
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// Null when no proxy is configured: ForwardedHeadersMiddleware with empty lists would believe any sender, and its
    /// defaults trust loopback, so nothing is trusted unless configuration names it.
    /// </summary>
    internal static ForwardedHeadersOptions? ForwardedHeadersFromConfiguration(IConfiguration configuration, ILogger logger)
    {
        var section = configuration.GetSection(ForwardedHeadersSection);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0) return null;

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var p in proxies)
            options.KnownProxies.Add(IPAddress.Parse(p));
        foreach (var n in networks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n));
        logger.LogInformation("Forwarded headers trusted from proxies {KnownProxies} and networks {KnownNetworks}", proxies, networks);
        return options;
    }
}
