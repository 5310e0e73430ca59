using System.Net.Http;
using Polly;

namespace AiSales.Core.Channels.Sending;

/// <summary>
/// Which failed attempts the HTTP resilience pipeline may retry for the send clients.
///
/// A send is a POST that Meta does not de-duplicate: if the request reached Meta and only the answer
/// was lost (attempt timeout, connection reset after the body went out, a 5xx from a proxy after Meta
/// accepted it), sending it again can deliver the message twice. The standard handler's default
/// predicate retries all of those. So for the send clients we retry ONLY failures where the request
/// provably never left this process: the TCP/TLS connection could not be established or the name did
/// not resolve. Everything else returns to the adapter, which classifies it (RetryLater, with
/// OutcomeUnknown when delivery is uncertain) and lets the send pipeline reschedule through the
/// ledger, where an echo carrying our metadata can settle an unknown outcome first.
/// HTTP 429 and Graph rate-limit errors are not retried here either: the caller reschedules through
/// the Redis rate limiter instead of holding a worker inside a back-off.
/// </summary>
public static class SendRetryPolicy
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
        };
}
