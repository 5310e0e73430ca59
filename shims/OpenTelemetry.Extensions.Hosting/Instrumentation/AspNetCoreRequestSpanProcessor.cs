using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpenTelemetry.Instrumentation.AspNetCore;

/// <summary>
/// Stands in for the contrib package's DiagnosticListener-based instrumentation: applies the
/// filter when the hosting span starts and adds the main semantic-convention tags when it ends.
/// The HttpContext comes from IHttpContextAccessor, which ASP.NET Core sets before it starts the
/// request activity. Only the path is recorded, never the query string (it can carry tokens,
/// e.g. Meta's hub.verify_token).
/// </summary>
internal sealed class AspNetCoreRequestSpanProcessor(IHttpContextAccessor accessor, AspNetCoreTraceInstrumentationOptions options)
    : BaseProcessor<Activity>
{
    private const string HostingActivitySource = "Microsoft.AspNetCore";

    public override void OnStart(Activity activity)
    {
        if (activity.Source.Name != HostingActivitySource || options.Filter is null) return;
        if (accessor.HttpContext is not { } context) return;

        bool keep;
        try
        {
            keep = options.Filter(context);
        }
        catch (Exception)
        {
            // A throwing filter must not break the request; the real package also records the span then.
            keep = true;
        }

        if (!keep)
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }

    public override void OnEnd(Activity activity)
    {
        if (activity.Source.Name != HostingActivitySource || !activity.IsAllDataRequested) return;
        if (accessor.HttpContext is not { } context) return;

        var request = context.Request;
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.Path.Value);
        activity.SetTag("server.address", request.Host.Host);
        if (request.Host.Port is { } port) activity.SetTag("server.port", port);
        activity.SetTag("http.response.status_code", context.Response.StatusCode);

        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
        {
            activity.SetTag("http.route", route);
            activity.DisplayName = $"{request.Method} {route}";
        }
        if (context.Response.StatusCode >= 500) activity.SetStatus(ActivityStatusCode.Error);
    }
}
