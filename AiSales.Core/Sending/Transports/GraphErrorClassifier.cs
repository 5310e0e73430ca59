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
    /// <summary>Throttling codes: app (4), user (17), page (32), call-rate (613), business use case (80001–80014), WhatsApp throughput (130429) and pair limit (131056).</summary>
    private static readonly HashSet<int> RateLimitCodes = [4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006, 80007, 80008, 80009, 80014, 130429, 131056, 131057];

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

        if (error.Code == 190) return Result(SendOutcome.WaitForReconnect);
        if (IsOutsideWindow(error.Code, error.Subcode)) return Result(SendOutcome.OutsideWindow);
        if (RateLimitCodes.Contains(error.Code))
            return Result(SendOutcome.RetryLater, retryAfter ?? DefaultRateLimitWait(error.Code));
        if (TransientCodes.Contains(error.Code) || error.IsTransient || http >= 500)
            return Result(SendOutcome.RetryLater, retryAfter ?? TimeSpan.FromSeconds(15));

        // 551/1545041, 200, 100, 131026, 132000 and everything else: the same request will fail again.
        return Result(SendOutcome.Failed);
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
