namespace AiSales.Dashboard.Account;

/// <summary>
/// Where a form post may send the browser back to: a path on this site, otherwise "/". Browsers drop tabs and line
/// breaks from a URL and read a backslash as a slash, so "/%09/evil.example/" (a tab) or "/\evil.example" become
/// "//evil.example", another site; such values are refused, which also keeps LocalRedirect from throwing on them
/// (it did, answering 500 after the login cookie had been issued and then discarded).
/// </summary>
public static class LocalReturnUrl
{
    public const string Fallback = "/";

    public static string OrFallback(string? url) => IsLocal(url) ? url! : Fallback;

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c));
}
