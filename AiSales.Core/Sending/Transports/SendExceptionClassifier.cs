using System.Net.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AiSales.Core.Sending.Transports;

/// <summary>
/// Maps transport failures to a <see cref="SendResult"/>. The key distinction is whether the request
/// can have reached the platform: a refused connection or an open circuit means it did not (plain
/// RetryLater); a timeout or a connection dropped after the request went out means it may have been
/// delivered (RetryLater with <see cref="SendResult.OutcomeUnknown"/>), so the ledger reconciles
/// through the echo before any resend.
/// </summary>
public static class SendExceptionClassifier
{
    public static SendResult? TryClassify(Exception exception, CancellationToken callerToken)
    {
        switch (exception)
        {
            case OperationCanceledException when callerToken.IsCancellationRequested:
                return null; // The caller gave up (shutdown): let cancellation flow.
            case TimeoutRejectedException or OperationCanceledException or TimeoutException:
                return Unknown("The platform did not answer in time; the message may have been sent.");
            case BrokenCircuitException:
                return new SendResult(SendOutcome.RetryLater, ErrorMessage: "Sending is paused after repeated platform failures.", RetryAfter: TimeSpan.FromSeconds(30));
            case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError }:
                return new SendResult(SendOutcome.RetryLater, ErrorMessage: "Could not connect to the platform.", RetryAfter: TimeSpan.FromSeconds(15));
            case HttpRequestException:
                return Unknown("The connection to the platform failed mid-request; the message may have been sent.");
            default:
                return null;
        }

        static SendResult Unknown(string message) =>
            new(SendOutcome.RetryLater, ErrorMessage: message, RetryAfter: TimeSpan.FromSeconds(30), OutcomeUnknown: true);
    }
}
