using System.Net;
using System.Text.Json;
using AiSales.Core.Sending.Transports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Campaigns;

/// <summary>
/// Reads from Meta's Marketing API (GET only): the ad account, its campaigns and daily insights. The token goes in the
/// Authorization header, never in the URL (URLs get logged). Each call has <see cref="CampaignOptions.RequestTimeout"/>;
/// throttle errors, timeouts and server errors are retried after a doubling wait (a read is safe to repeat); token
/// errors are not. Lists are followed page by page (paging.cursors.after while paging.next is present). After every
/// answer the usage headers are read: at <see cref="CampaignOptions.UsageLimitPercent"/> the caller is told to stop.
/// </summary>
public sealed class MarketingApiClient(HttpClient http, IOptions<CampaignOptions> options, TimeProvider time, ILogger<MarketingApiClient> logger)
{
    public const string HttpClientName = "marketing-api";
    private const int MaxPages = 200;

    private CampaignOptions O => options.Value;
    private string Version => O.GraphApiVersion.Trim('/');

    /// <summary>GET /act_{id}?fields=name,currency,account_status: the connection test. One attempt: a person is waiting.</summary>
    public async Task<AdAccountInfo> GetAccountAsync(string externalId, string token, CancellationToken ct)
    {
        var (root, _) = await GetOnceAsync($"{Version}/act_{externalId}?fields=name,currency,account_status", token, ct);
        return new AdAccountInfo(MetaJson.Text(root, "name"), MetaJson.Text(root, "currency"),
            root.TryGetProperty("account_status", out var s) ? (int?)MetaJson.Long(s) : null);
    }

    /// <summary>Every row of a list edge, all pages. Stops with a throttled error when usage is near the limit.</summary>
    public async Task<List<JsonElement>> GetAllAsync(string pathAndQuery, string token, CancellationToken ct)
    {
        var rows = new List<JsonElement>();
        var seen = new HashSet<string>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var url = after is null ? pathAndQuery : $"{pathAndQuery}&after={Uri.EscapeDataString(after)}";
            var (root, _) = await GetAsync(url, token, ct);
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
                rows.AddRange(data.EnumerateArray());
            after = MetaJson.NextCursor(root);
            // No next page, or a cursor we already followed (a fixture's single page repeats "after"): done.
            if (after is null || !seen.Add(after)) return rows;
        }
        logger.LogWarning("Marketing API list {Path} still had pages after {MaxPages}; the rest is left for the next sync", Path(pathAndQuery), MaxPages);
        return rows;
    }

    /// <summary>The usage the latest answer reported (one client serves one sync).</summary>
    public MarketingUsage LastUsage { get; private set; } = MarketingUsage.None;

    /// <summary>
    /// One GET with retries. Returns the JSON body and the usage the headers reported. When the previous answer's usage
    /// was at the limit it does not call at all: "continuing to make calls will continue to increase your call count".
    /// </summary>
    public async Task<(JsonElement Root, MarketingUsage Usage)> GetAsync(string pathAndQuery, string token, CancellationToken ct)
    {
        if (LastUsage.MaxPercent >= O.UsageLimitPercent)
            throw new MarketingApiException(MarketingErrorKind.Throttled, null, null,
                $"Meta reported usage at {LastUsage.MaxPercent:0}% of its limit; waiting before more calls", LastUsage.RegainAfter, usage: true);
        var delay = O.RetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var answer = await GetOnceAsync(pathAndQuery, token, ct);
                LastUsage = answer.Item2;
                return answer;
            }
            catch (MarketingApiException e) when (e.Retryable && attempt < O.MaxRetries && !ct.IsCancellationRequested)
            {
                var wait = e.Kind == MarketingErrorKind.Throttled && e.RetryAfter is { } r && r < delay * 4 && r > delay ? r : delay;
                logger.LogWarning("Marketing API {Path} answered {ErrorKind} (code {MetaCode}); retry {Attempt} of {MaxRetries} in {DelayMs} ms",
                    Path(pathAndQuery), e.Kind, e.Code, attempt + 1, O.MaxRetries, (long)wait.TotalMilliseconds);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
                delay *= 2;
            }
        }
    }

    private async Task<(JsonElement, MarketingUsage)> GetOnceAsync(string pathAndQuery, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = new("Bearer", token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(O.RequestTimeout);
        HttpResponseMessage response;
        string body;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new MarketingApiException(MarketingErrorKind.Transient, null, null,
                $"Meta did not answer within {O.RequestTimeout.TotalSeconds:0} seconds", null);
        }
        catch (HttpRequestException e)
        {
            throw new MarketingApiException(MarketingErrorKind.Transient, null, null, "Could not reach Meta: " + e.Message, null);
        }
        using (response)
        {
            var usage = MarketingUsage.FromHeaders(response.Headers);
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(body);
                root = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new MarketingApiException((int)response.StatusCode >= 500 ? MarketingErrorKind.Transient : MarketingErrorKind.Other,
                    null, null, $"Meta answered HTTP {(int)response.StatusCode} without JSON", null);
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                throw MarketingApiException.FromEnvelope(error, response.StatusCode, usage);
            if (!response.IsSuccessStatusCode)
                throw new MarketingApiException(MarketingApiException.KindOf(null, null, response.StatusCode), null, null,
                    $"Meta answered HTTP {(int)response.StatusCode}", usage.RegainAfter);
            return (root, usage);
        }
    }

    /// <summary>The path without the query, for logs (the query can hold cursors; the token is never in it).</summary>
    private static string Path(string pathAndQuery) => pathAndQuery.Split('?')[0];
}

public sealed record AdAccountInfo(string? Name, string? Currency, int? AccountStatus);

public enum MarketingErrorKind
{
    /// <summary>Codes 4, 17, 32, 613, 80000–80014, HTTP 429, or usage near the limit.</summary>
    Throttled,
    /// <summary>Code 190, 102, 10, 200–299 or HTTP 401: the token is expired, revoked or lacks ads_read.</summary>
    Token,
    /// <summary>Timeouts, network errors, HTTP 5xx, errors Meta marks is_transient.</summary>
    Transient,
    Other,
}

/// <summary>A Marketing API failure with Meta's code and message (the message never carries the token).</summary>
public sealed class MarketingApiException(MarketingErrorKind kind, int? code, int? subcode, string message, TimeSpan? retryAfter, bool usage = false)
    : Exception(message)
{
    public MarketingErrorKind Kind { get; } = kind;
    public int? Code { get; } = code;
    public int? Subcode { get; } = subcode;
    /// <summary>Meta's estimated_time_to_regain_access / reset_time_duration, when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
    /// <summary>True when we stopped ourselves because the usage headers were high (no error from Meta).</summary>
    public bool FromUsage { get; } = usage;
    public bool Retryable => !FromUsage && Kind is MarketingErrorKind.Throttled or MarketingErrorKind.Transient;

    public static MarketingApiException FromEnvelope(JsonElement error, HttpStatusCode status, MarketingUsage usage)
    {
        int? code = error.TryGetProperty("code", out var c) ? (int?)MetaJson.Long(c) : null;
        int? subcode = error.TryGetProperty("error_subcode", out var s) ? (int?)MetaJson.Long(s) : null;
        var message = MetaJson.Text(error, "message") ?? $"Meta error {code}";
        var kind = KindOf(code, subcode, status);
        if (kind == MarketingErrorKind.Other && error.TryGetProperty("is_transient", out var t) && t.ValueKind == JsonValueKind.True)
            kind = MarketingErrorKind.Transient;
        return new MarketingApiException(kind, code, subcode, message.Length > 500 ? message[..500] : message, usage.RegainAfter);
    }

    /// <summary>Meta's code read as every Graph caller reads it (<see cref="GraphErrorClassifier.Meaning"/>); without one, the HTTP status.</summary>
    public static MarketingErrorKind KindOf(int? code, int? subcode, HttpStatusCode status) => code is { } c
        ? GraphErrorClassifier.Meaning(c, subcode) switch
        {
            GraphErrorMeaning.RateLimited => MarketingErrorKind.Throttled,
            GraphErrorMeaning.TokenRejected or GraphErrorMeaning.PermissionMissing => MarketingErrorKind.Token,
            GraphErrorMeaning.Temporary => MarketingErrorKind.Transient,
            _ => KindOf(null, null, status),
        }
        : status switch
        {
            HttpStatusCode.TooManyRequests => MarketingErrorKind.Throttled,
            HttpStatusCode.Unauthorized => MarketingErrorKind.Token,
            _ when (int)status >= 500 => MarketingErrorKind.Transient,
            _ => MarketingErrorKind.Other,
        };
}
