using System.Net;
using System.Text.Json;

namespace AiSales.Core.Sending.Transports.ManyChat;

/// <summary>
/// ManyChat answers <c>{"status":"success"}</c> or <c>{"status":"error","message","code"}</c>.
/// 3011 (no tag after 24 h), 3021 (OTN) and 3031 (notification reason) are window problems;
/// 304x are channel errors (permanent for this request). 401/403 mean the API key is wrong or revoked.
/// </summary>
public static class ManyChatErrorClassifier
{
    public static SendResult Classify(HttpStatusCode status, string? body, TimeSpan? retryAfter)
    {
        var http = (int)status;
        var (success, code, message) = Read(body);
        if (success && http is >= 200 and < 300) return SendResult.Sent(null) with { HttpStatus = http };

        var text = message ?? $"ManyChat answered HTTP {http}.";
        if (text.Length > 500) text = text[..500];
        SendResult Result(SendOutcome outcome, TimeSpan? after = null) =>
            new(outcome, ErrorCode: code, ErrorMessage: text, RetryAfter: after, HttpStatus: http);

        if (code is 3011 or 3021 or 3031) return Result(SendOutcome.OutsideWindow);
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) return Result(SendOutcome.WaitForReconnect);
        if (status == HttpStatusCode.TooManyRequests) return Result(SendOutcome.RetryLater, retryAfter ?? TimeSpan.FromSeconds(5));
        if (http >= 500 || status == HttpStatusCode.RequestTimeout) return Result(SendOutcome.RetryLater, retryAfter ?? TimeSpan.FromSeconds(15));
        return Result(SendOutcome.Failed);
    }

    private static (bool Success, int? Code, string? Message) Read(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (false, null, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (false, null, null);
            var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ci) ? ci : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (status == "success", code, message);
        }
        catch (JsonException)
        {
            return (false, null, null);
        }
    }
}
