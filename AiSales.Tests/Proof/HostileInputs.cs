namespace AiSales.Tests.Proof;

/// <summary>
/// Values a caller may send in any parameter, and the checks every answer to them must pass: no 5xx, no stack trace,
/// no exception type, and none of the marker values sent in Cookie, Authorization or X-Ops-Key.
/// </summary>
public static class HostileInputs
{
    public const string CookieMarker = "cookie-marker-5b1e0c";
    public const string AuthorizationMarker = "authorization-marker-9d2f47";
    public const string OpsKeyMarker = "ops-key-marker-3a8e61";

    /// <summary>Every kind the issue lists: int overflow, bad dates, NUL, bidi, oversized, wrong types, redirects off-site.</summary>
    public static readonly string[] Values =
    [
        "abc", "", " ", "-1", "0", "1000000000", "2147483648", "99999999999999999999", "-9223372036854775809", "1e309", "NaN",
        "0001-01-01", "9999-12-31", "2026-13-45", "\0", "a\0b", "\u202Eexe.txt", "\uD800", "%zz", "../../etc/passwd",
        "/%09/evil.example/", "//evil.example", "javascript:alert(1)", "<script>alert(1)</script>", "' OR 1=1 --",
        new string('x', 5000), "00000000-0000-0000-0000-000000000000", "true", "[]", "{}",
    ];

    /// <summary>JSON bodies that are not what any endpoint expects (whole-body cases).</summary>
    public static readonly string[] Bodies = ["", "{", "[]", "null", "\"text\"", "3", "{\"a\":", "{\"a\":1}}", "\uFEFF{}", "{\"x\":\"\\u0000\"}"];

    /// <summary>JSON values put into each property of an expected body (wrong types, NUL, bidi, oversized, nulls).</summary>
    public static readonly string[] JsonValues =
    [
        "3", "-1e999", "true", "{}", "[]", "null", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\u202Ewon\"",
        "\"" + new string('x', 100_000) + "\"", "\"\"", "99999999999999999999999",
    ];

    /// <summary>The marker headers added to a request (Authorization only when the caller does not need its own).</summary>
    public static void AddMarkers(HttpRequestMessage request, string? realCookie, bool keepAuthorization)
    {
        request.Headers.TryAddWithoutValidation("Cookie", realCookie is null ? $"marker={CookieMarker}" : $"{realCookie}; marker={CookieMarker}");
        request.Headers.TryAddWithoutValidation("X-Ops-Key", OpsKeyMarker);
        if (!keepAuthorization) request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {AuthorizationMarker}");
    }

    /// <summary>What is wrong with one answer, or null.</summary>
    public static string? Problem(int status, string body)
    {
        if (status >= 500) return $"answered {status}: {body[..Math.Min(body.Length, 300)]}";
        if (body.Contains("   at ", StringComparison.Ordinal)) return "stack trace in the body";
        if (body.Contains("Exception", StringComparison.Ordinal)) return "exception text in the body";
        foreach (var marker in (string[])[CookieMarker, AuthorizationMarker, OpsKeyMarker])
            if (body.Contains(marker, StringComparison.Ordinal)) return $"echoed header value {marker}";
        return null;
    }
}
