namespace AiSales.Dashboard.Rendering;

/// <summary>
/// Which customer-supplied URLs (webhook attachments, story links, shared posts) may become an <c>href</c> or <c>src</c>.
/// Anything a webhook carries is attacker-controlled: a <c>javascript:</c> link runs in the merchant's session on click,
/// a <c>data:</c> one can carry a phishing page, an <c>http:</c> one leaks the merchant's address in clear text. Only
/// absolute <c>https:</c> URLs pass; everything else is shown as inert text by the caller.
/// </summary>
public static class SafeUrl
{
    /// <summary>
    /// Hosts Meta serves message media from. Images load by themselves (no click), so an image from anywhere else would
    /// tell its owner when the merchant opened the conversation; those become a plain link instead. The CSP's img-src
    /// is built from the same list (Security/DashboardContentSecurityPolicy).
    /// </summary>
    public static readonly IReadOnlyList<string> MetaCdnHosts = ["lookaside.fbsbx.com", "*.fbcdn.net", "*.cdninstagram.com"];

    /// <summary>The URL for an <c>href</c> when it is absolute <c>https:</c>, else null.</summary>
    public static string? ForLink(string? url) => Parse(url)?.AbsoluteUri;

    /// <summary>The URL for an <c>img src</c> when it is absolute <c>https:</c> on one of <see cref="MetaCdnHosts"/>, else null.</summary>
    public static string? ForImage(string? url) => Parse(url) is { } u && IsMetaCdn(u.IdnHost) ? u.AbsoluteUri : null;

    private static Uri? Parse(string? url)
    {
        // Browsers drop tabs, newlines and leading spaces before reading a scheme ("\tjava\nscript:" runs script), so
        // no string test of our own: Uri parses, the scheme must be https, and the caller renders Uri's re-serialised
        // AbsoluteUri, never the raw string.
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u)) return null;
        return u.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(u.Host) && string.IsNullOrEmpty(u.UserInfo) ? u : null;
    }

    private static bool IsMetaCdn(string host) => MetaCdnHosts.Any(h => h.StartsWith("*.", StringComparison.Ordinal)
        ? host.EndsWith(h[1..], StringComparison.OrdinalIgnoreCase)
        : host.Equals(h, StringComparison.OrdinalIgnoreCase));
}
