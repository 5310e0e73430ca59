using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Sending.Transports;

/// <summary>
/// One JSON POST to a Graph endpoint (<c>/{version}/{id}/messages</c>, or a comment's <c>/replies</c> / <c>/comments</c>
/// for public comment replies) with a Bearer token, with the
/// send budget, classification of every failure and token-free logging. Shared by the Instagram,
/// Messenger and WhatsApp senders, which differ only in body shape and how the id is read back.
/// </summary>
public sealed class GraphMessagesTransport(
    IHttpClientFactory clients,
    IOptions<ChannelSendingOptions> sending,
    ILogger<GraphMessagesTransport> logger)
{
    public async Task<SendResult> PostAsync(
        string clientName,
        string path,
        JsonObject body,
        SendRequest send,
        ChannelCredentials creds,
        Func<JsonElement, string?> readMessageId,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(creds.AccessToken))
            return new SendResult(SendOutcome.WaitForReconnect, ErrorMessage: "The channel has no access token; reconnect it.");

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(sending.Value.Timeout + ChannelSendingOptions.ConnectRetrySlack);

        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        // Header, never the access_token query parameter: URLs end up in HttpClient logs and traces.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", creds.AccessToken);

        SendResult result;
        try
        {
            using var response = await clients.CreateClient(clientName).SendAsync(request, budget.Token);
            var text = await response.Content.ReadAsStringAsync(budget.Token);
            result = response.IsSuccessStatusCode
                ? Success(text, readMessageId, (int)response.StatusCode)
                : GraphErrorClassifier.Classify(response.StatusCode, text, response.Headers.RetryAfter);
        }
        catch (Exception ex) when (SendExceptionClassifier.TryClassify(ex, ct) is { } classified)
        {
            result = classified;
            logger.LogWarning("Send {IdempotencyKey} to {Platform} account {Account} failed in transport ({ExceptionType}); outcome unknown: {Unknown}",
                send.IdempotencyKey, send.Platform, send.AccountExternalId, ex.GetType().Name, classified.OutcomeUnknown);
        }

        result = SecretScrubber.Scrub(result, creds.AccessToken);
        Log(send, result);
        return result;
    }

    private SendResult Success(string text, Func<JsonElement, string?> readMessageId, int status)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return SendResult.Sent(readMessageId(doc.RootElement)) with { HttpStatus = status };
        }
        catch (JsonException)
        {
            // 2xx means Meta accepted the message; an unreadable body must not turn that into a resend.
            logger.LogWarning("Graph answered {Status} with a body that is not JSON; treating the send as accepted without an id", status);
            return SendResult.Sent(null) with { HttpStatus = status };
        }
    }

    private void Log(SendRequest send, SendResult result)
    {
        if (result.Outcome == SendOutcome.Sent)
        {
            logger.LogInformation("Sent {IdempotencyKey} to {Platform} account {Account} as {ExternalMessageId}",
                send.IdempotencyKey, send.Platform, send.AccountExternalId, result.ExternalMessageId);
            return;
        }
        logger.LogWarning("Send {IdempotencyKey} to {Platform} account {Account}: {Outcome} (code {ErrorCode}/{ErrorSubcode}, HTTP {HttpStatus}, trace {TraceId}, retry after {RetryAfter})",
            send.IdempotencyKey, send.Platform, send.AccountExternalId, result.Outcome, result.ErrorCode, result.ErrorSubcode, result.HttpStatus, result.TraceId, result.RetryAfter);
    }
}
