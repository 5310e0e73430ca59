using System.Net.Http.Headers;
using AiSales.Core.Inbound.Signatures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Dashboard.Simulator;

/// <summary>
/// Plays a customer for the dashboard's simulator: builds a real Instagram webhook payload, signs it like Meta
/// (X-Hub-Signature-256 with the app secret) and POSTs it to the Webhooks service, so a simulated message takes
/// exactly the path a real one does (ingest, queue, worker, AI, sandbox send). Typed HttpClient: service discovery
/// and standard resilience come from ServiceDefaults' ConfigureHttpClientDefaults.
/// </summary>
public sealed class SimulatorClient(HttpClient http, IOptions<SimulatorOptions> options, TimeProvider clock, ILogger<SimulatorClient> logger)
{
    public Task<SimulatorSendResult> SendCustomerMessageAsync(
        string channelExternalId, string customerId, string text, SimulatedKind kind = SimulatedKind.Text, CancellationToken ct = default) =>
        SendAsync(new SimulatedMessage(channelExternalId, customerId, text, kind), ct);

    public async Task<SimulatorSendResult> SendAsync(SimulatedMessage message, CancellationToken ct = default)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.AppSecret))
            return new SimulatorSendResult("", false, null,
                "No app secret to sign with: set Meta:AppSecrets:0 (env Meta__AppSecrets__0), the secret the Webhooks service checks.");

        var (messageId, body) = InstagramPayloadBuilder.Build(message, clock.GetUtcNow());
        var target = new Uri(settings.WebhooksBaseUrl, "/webhooks/instagram");
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(MetaSignature.HeaderName, MetaSignature.Compute(settings.AppSecret, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                logger.LogInformation("Simulated {Kind} from {CustomerId} to {ChannelExternalId} accepted as {MessageId}",
                    message.Kind, message.CustomerId, message.ChannelExternalId, messageId);
                return new SimulatorSendResult(messageId, true, (int)response.StatusCode, null);
            }
            var detail = await ReadDetailAsync(response, timeout.Token);
            logger.LogWarning("Webhooks service refused a simulated message: {StatusCode} {Detail}", (int)response.StatusCode, detail);
            return new SimulatorSendResult(messageId, false, (int)response.StatusCode,
                $"The Webhooks service answered {(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Down(messageId, target, $"no answer within {settings.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return Down(messageId, target, e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException || e.GetType().Name == "BrokenCircuitException")
        {
            // Service discovery throws InvalidOperationException for an unconfigured service name; the resilience
            // pipeline throws its own exceptions once retries are exhausted or the breaker is open.
            return Down(messageId, target, e.Message);
        }
    }

    private SimulatorSendResult Down(string messageId, Uri target, string reason)
    {
        logger.LogWarning("Webhooks service not reachable at {Target} for a simulated message: {Reason}", target, reason);
        return new SimulatorSendResult(messageId, false, null,
            $"The Webhooks service is not reachable at {target} ({reason}). Is it running? (AppHost starts it; the URL comes from services:webhooks:http:0.)");
    }

    private static async Task<string> ReadDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length > 300 ? text[..300] : text;
    }
}
