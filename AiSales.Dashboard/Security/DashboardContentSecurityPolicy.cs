using AiSales.Dashboard.Rendering;

namespace AiSales.Dashboard.Security;

/// <summary>
/// The dashboard's Content-Security-Policy. The pages are server-rendered and load only their own files (app.js,
/// app.css, Radzen's stylesheet, Blazor's blazor.web.js for the interactive parts): no inline script (the one inline
/// handler moved to app.js's data-autosubmit). The interactive circuit's WebSocket is same-origin, allowed by connect-src
/// 'self'. Inline styles stay allowed: components set style="" for chart
/// colours, and a style cannot run script. Images: our own, data: (stylesheet icons) and Meta's CDN, the same hosts
/// <see cref="SafeUrl.ForImage"/> lets through. frame-ancestors 'none' stops clickjacking; form-action and base-uri
/// keep an injected form or base tag from sending anything elsewhere.
/// </summary>
public static class DashboardContentSecurityPolicy
{
    public static readonly string Value = string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        $"img-src 'self' data: {string.Join(' ', SafeUrl.MetaCdnHosts.Select(h => "https://" + h))}",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");
}
