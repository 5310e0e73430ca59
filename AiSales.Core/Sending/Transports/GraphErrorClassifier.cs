using System.Net;
using System.Net.Http.Headers;

namespace AiSales.Core.Sending.Transports;

/// <summary>
/// Maps a Graph API failure (HTTP status + error envelope + Retry-After) to a <see cref="SendResult"/>.
/// Codes and subcodes decide, never the message text: Meta localizes messages (the same 1545041 has
/// been seen as 551 in English and 200 in Chinese). Sources: AiSales.Tests/Fixtures/meta/FACTS.md §6–§7.
/// </summary>
public static class GraphErrorClassifier
{
    /// <summary>
    /// Throttling codes: app (4), user (17), page (32), call-rate (613), WhatsApp throughput (130429), pair limit (131056) and
    /// throughput upgrade (131057); the business use case range 80000–80014 is checked apart.
    /// </summary>
    private static readonly HashSet<int> RateLimitCodes = [4, 17, 32, 613, 130429, 131056, 131057];

    /// <summary>Server-side "try again" codes: unknown (1), service (2), WhatsApp generic (131000) and service unavailable (131016).</summary>
    private static readonly HashSet<int> TransientCodes = [1, 2, 131000, 131016];

    /// <summary>Messenger/IG "outside of allowed window" subcodes under code 10.</summary>
    private static readonly HashSet<int> WindowSubcodes = [2018278, 2534022];

    /// <summary>WhatsApp re-engagement (more than 24 h since the customer's last message); 470 is its legacy code.</summary>
    private static readonly HashSet<int> WindowCodes = [131047, 470];

    /// <summary>Whether a Graph error says the messaging window is closed: Messenger/Instagram code 10 with a window subcode,
    /// or WhatsApp's re-engagement codes (a template is then the only way to write).</summary>
    public static bool IsOutsideWindow(int code, int? subcode) =>
        (code == 10 && subcode is { } sub && WindowSubcodes.Contains(sub)) || IsWhatsAppReengagement(code);

    /// <summary>WhatsApp: more than 24 hours since the customer's last message.</summary>
    public static bool IsWhatsAppReengagement(int code) => WindowCodes.Contains(code);

    /// <summary>
    /// What a Graph error code means whatever the call (a send, a lead read, the Marketing API, the Conversions API): the
    /// one reading of Meta's codes, which each caller turns into what it does next and the dashboard into words.
    /// Token: 190 (expired, revoked, password changed, app removed) and 102 (session). Permission: 10 outside a window
    /// subcode (permission denied) and 200–299 (a named permission is missing, e.g. leads_retrieval, ads_read).
    /// </summary>
    public static GraphErrorMeaning Meaning(int code, int? subcode) => code switch
    {
        190 or 102 => GraphErrorMeaning.TokenRejected,
        _ when IsOutsideWindow(code, subcode) => GraphErrorMeaning.OutsideWindow,
        10 or (>= 200 and <= 299) => GraphErrorMeaning.PermissionMissing,
        _ when RateLimitCodes.Contains(code) || code is >= 80000 and <= 80014 => GraphErrorMeaning.RateLimited,
        _ when TransientCodes.Contains(code) => GraphErrorMeaning.Temporary,
        _ => GraphErrorMeaning.Other,
    };

    public static SendResult Classify(HttpStatusCode status, string? body, RetryConditionHeaderValue? retryAfterHeader = null, DateTimeOffset? now = null)
    {
        var error = GraphError.TryParse(body);
        var retryAfter = FromHeader(retryAfterHeader, now ?? DateTimeOffset.UtcNow);
        var http = (int)status;

        if (error is null)
        {
            // No envelope: a proxy, load balancer or an HTML page answered. Decide on the status alone.
            if (status == HttpStatusCode.TooManyRequests)
                return new SendResult(SendOutcome.RetryLater, ErrorMessage: "Rate limited by the platform.", RetryAfter: retryAfter ?? TimeSpan.FromSeconds(30), HttpStatus: http);
            if (http >= 500 || status == HttpStatusCode.RequestTimeout)
                return new SendResult(SendOutcome.RetryLater, ErrorMessage: $"The platform answered HTTP {http}.", RetryAfter: retryAfter ?? TimeSpan.FromSeconds(15), HttpStatus: http);
            if (status == HttpStatusCode.Unauthorized)
                return new SendResult(SendOutcome.WaitForReconnect, ErrorMessage: "The platform rejected the access token.", HttpStatus: http);
            return new SendResult(SendOutcome.Failed, ErrorMessage: $"The platform answered HTTP {http}.", HttpStatus: http);
        }

        var message = SafeMessage(error);
        SendResult Result(SendOutcome outcome, TimeSpan? after = null) =>
            new(outcome, ErrorCode: error.Code, ErrorSubcode: error.Subcode, ErrorMessage: message, RetryAfter: after, HttpStatus: http, TraceId: error.TraceId);

        return Meaning(error.Code, error.Subcode) switch
        {
            GraphErrorMeaning.TokenRejected => Result(SendOutcome.WaitForReconnect),
            GraphErrorMeaning.OutsideWindow => Result(SendOutcome.OutsideWindow),
            GraphErrorMeaning.RateLimited => Result(SendOutcome.RetryLater, retryAfter ?? DefaultRateLimitWait(error.Code)),
            GraphErrorMeaning.Temporary => Result(SendOutcome.RetryLater, retryAfter ?? TimeSpan.FromSeconds(15)),
            _ when error.IsTransient || http >= 500 => Result(SendOutcome.RetryLater, retryAfter ?? TimeSpan.FromSeconds(15)),
            // 551/1545041, 200, 100, 131026, 132000 and everything else: the same request will fail again.
            _ => Result(SendOutcome.Failed),
        };
    }

    /// <summary>
    /// Waits when Meta gives no Retry-After. WhatsApp's throughput limit is per second, so one second
    /// is enough; the pair limit is one message per 6 s per recipient; app/page/business limits are
    /// rolling-hour counters, so a minute avoids hammering them while usage decays.
    /// </summary>
    private static TimeSpan DefaultRateLimitWait(int code) => code switch
    {
        130429 or 131057 => TimeSpan.FromSeconds(2),
        131056 => TimeSpan.FromSeconds(6),
        _ => TimeSpan.FromSeconds(60),
    };

    private static TimeSpan? FromHeader(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    private static string SafeMessage(GraphError error)
    {
        var text = error.Details is { Length: > 0 } details && !string.Equals(details, error.Message, StringComparison.Ordinal)
            ? $"{error.Message} ({details})"
            : error.Message ?? $"Graph error {error.Code}";
        return text.Length > 500 ? text[..500] : text;
    }
}

/// <summary>What a Graph error code says (<see cref="GraphErrorClassifier.Meaning"/>).</summary>
public enum GraphErrorMeaning
{
    /// <summary>The access token is expired, revoked or otherwise dead: only a new one helps.</summary>
    TokenRejected,
    /// <summary>The token works but lacks a permission (or access to the object) the call needs.</summary>
    PermissionMissing,
    /// <summary>Too many calls: the same call works after a wait.</summary>
    RateLimited,
    /// <summary>Meta's own temporary failure: the same call may work again.</summary>
    Temporary,
    /// <summary>The customer's messaging window is closed (sends only).</summary>
    OutsideWindow,
    Other,
}
