using System.Net.Http;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace AiSales.Core.Sending.Transports;

/// <summary>
/// Which failed attempts the HTTP resilience pipeline of the channel clients may retry.
///
/// A send is a POST that Meta and ManyChat do not de-duplicate: if the request reached the platform and only the
/// answer was lost (attempt timeout, connection reset after the body went out, a 5xx from a proxy after the platform
/// accepted it), sending it again can deliver the message twice. The standard handler's default predicate retries all
/// of those, POSTs included. So a request with a body-carrying method is retried ONLY when it provably never left this
/// process: the TCP/TLS connection could not be established or the name did not resolve. Everything else returns to the
/// adapter, which classifies it (RetryLater, with OutcomeUnknown when delivery is uncertain) and the send pipeline
/// reschedules it through the ledger, where an echo carrying our metadata can settle an unknown outcome first.
/// HTTP 429 and Graph rate-limit errors are not retried here either: the caller reschedules through the Redis rate
/// limiter instead of holding a worker inside a back-off.
/// Reads (GET, HEAD, OPTIONS: token checks, profile lookups) change nothing on the platform and keep the standard
/// predicate: 5xx, 408, 429, timeouts and transport failures are retried.
/// </summary>
public static class SendRetryPolicy
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method) =>
        IsRead(method) ? HttpClientResiliencePredicates.IsTransient(outcome) : RequestNeverLeft(outcome);

    public static ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args) =>
        ValueTask.FromResult(ShouldRetry(args.Outcome, RequestMethod(args)));

    /// <summary>
    /// Failures before a single byte of the request was written. SocketsHttpHandler reports a failed connect, a failed
    /// name lookup and a failed TLS handshake with these codes; a connection that breaks later is another code.
    /// </summary>
    private static bool RequestNeverLeft(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
        };

    private static bool IsRead(HttpMethod? method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options;

    // A response carries its request; a failed attempt only has the context. Unknown method = treated as a send.
    private static HttpMethod? RequestMethod(RetryPredicateArguments<HttpResponseMessage> args) =>
#pragma warning disable EXTEXP0001 // GetRequestMessage is the package's own accessor (experimental only in name since 8.x).
        (args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage())?.Method;
#pragma warning restore EXTEXP0001
}
