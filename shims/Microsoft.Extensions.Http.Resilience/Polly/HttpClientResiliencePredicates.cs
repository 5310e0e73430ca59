using System.Net;
using Polly;
using Polly.Timeout;

namespace Microsoft.Extensions.Http.Resilience;

/// <summary>What counts as a transient HTTP failure: 5xx, 408, 429, connection errors and Polly timeouts.</summary>
public static class HttpClientResiliencePredicates
{
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => IsTransientHttpFailure(response),
        { Exception: { } exception } => IsTransientHttpException(exception),
        _ => false,
    };

    /// <summary>
    /// As <see cref="IsTransient(Outcome{HttpResponseMessage})"/>, plus an HttpClient-level timeout
    /// (OperationCanceledException wrapping TimeoutException) while the caller is still waiting.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
        IsTransient(outcome)
        || (!cancellationToken.IsCancellationRequested
            && outcome.Exception is OperationCanceledException { InnerException: TimeoutException });

    public static bool IsTransientHttpFailure(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        return status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
    }

    public static bool IsTransientHttpException(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException;
}
