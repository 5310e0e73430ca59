using System.Net.Http.Headers;
using System.Text;
using AiSales.Core.Persistence.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Sending.Transports.ManyChat;

/// <summary>
/// ManyChat sendContent for Instagram, Messenger and WhatsApp subscribers. The Bearer key is the
/// account's <see cref="ChannelCredentials.AccessToken"/>, else <c>ManyChat:ApiKey</c>. ManyChat
/// returns no message id, so the result carries none; the echo webhook (with ManyChat's own id) is the
/// only way to see the message on the platform side.
/// </summary>
public sealed class ManyChatSender(
    IHttpClientFactory clients,
    IOptions<ManyChatOptions> options,
    IOptions<ChannelSendingOptions> sending,
    ILogger<ManyChatSender> logger) : IChannelSender
{
    public ChannelProvider Provider => ChannelProvider.ManyChat;

    public IReadOnlyCollection<ChannelPlatform> Platforms { get; } = [ChannelPlatform.Instagram, ChannelPlatform.Messenger, ChannelPlatform.WhatsApp];

    public async Task<SendResult> SendAsync(SendRequest send, ChannelCredentials creds, CancellationToken ct)
    {
        var (body, problem) = ManyChatContentBody.Build(send);
        if (body is null) return SendResult.Failed(problem!);

        var key = string.IsNullOrWhiteSpace(creds.AccessToken) ? options.Value.ApiKey : creds.AccessToken;
        if (string.IsNullOrWhiteSpace(key))
            return new SendResult(SendOutcome.WaitForReconnect, ErrorMessage: "No ManyChat API key for this channel; reconnect it.");

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(sending.Value.Timeout + ChannelSendingOptions.ConnectRetrySlack);
        using var request = new HttpRequestMessage(HttpMethod.Post, "fb/sending/sendContent")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        SendResult result;
        try
        {
            using var response = await clients.CreateClient(ChannelHttpClients.ManyChat).SendAsync(request, budget.Token);
            var text = await response.Content.ReadAsStringAsync(budget.Token);
            result = ManyChatErrorClassifier.Classify(response.StatusCode, text, response.Headers.RetryAfter?.Delta);
        }
        catch (Exception ex) when (SendExceptionClassifier.TryClassify(ex, ct) is { } classified)
        {
            result = classified;
        }

        result = SecretScrubber.Scrub(result, key);
        logger.LogInformation("ManyChat send {IdempotencyKey} for {Platform} subscriber of {Account}: {Outcome} (code {ErrorCode}, HTTP {HttpStatus}, unknown {Unknown})",
            send.IdempotencyKey, send.Platform, send.AccountExternalId, result.Outcome, result.ErrorCode, result.HttpStatus, result.OutcomeUnknown);
        return result;
    }
}
