using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiSales.Core.Campaigns;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Conversions;

/// <summary>What Meta answered a POST of events: how many it took and its trace id (for a support request).</summary>
public sealed record ConversionsReceipt(int EventsReceived, string? FbTraceId);

/// <summary>
/// POST /{version}/{dataset id}/events with {"data":[event]}: one attempt per call, the retry belongs to the job (it
/// waits with backoff between tries, across Worker restarts). The token goes in the Authorization header, never in the
/// URL. Errors are Graph's envelope classified as the Marketing API's are (<see cref="MarketingApiException.KindOf"/>):
/// throttle codes 4/17/32/613 and 5xx/timeouts may pass, token codes (190, 102, 10, 200–299) and other 4xx will not.
/// </summary>
public sealed class ConversionsApiClient(HttpClient http, IOptions<ConversionsOptions> options)
{
    private ConversionsOptions O => options.Value;

    public async Task<ConversionsReceipt> SendAsync(string datasetId, string token, JsonObject evt, CancellationToken ct)
    {
        var body = new JsonObject { ["data"] = new JsonArray(evt) };
        if (O.TestEventCode is { Length: > 0 } test) body["test_event_code"] = test;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{O.GraphApiVersion.Trim('/')}/{datasetId}/events")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(O.RequestTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new MarketingApiException(MarketingErrorKind.Transient, null, null, $"Meta did not answer within {O.RequestTimeout.TotalSeconds:0} seconds", null);
        }
        catch (HttpRequestException e)
        {
            throw new MarketingApiException(MarketingErrorKind.Transient, null, null, "Could not reach Meta: " + e.Message, null);
        }
        using (response)
        {
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(text);
                root = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new MarketingApiException(MarketingApiException.KindOf(null, null, response.StatusCode), null, null,
                    $"Meta answered HTTP {(int)response.StatusCode} without JSON", null);
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                throw MarketingApiException.FromEnvelope(error, response.StatusCode, MarketingUsage.None);
            if (!response.IsSuccessStatusCode)
                throw new MarketingApiException(MarketingApiException.KindOf(null, null, response.StatusCode), null, null,
                    $"Meta answered HTTP {(int)response.StatusCode}", null);
            var received = root.TryGetProperty("events_received", out var n) ? (int)MetaJson.Long(n) : 0;
            return new ConversionsReceipt(received, MetaJson.Text(root, "fbtrace_id"));
        }
    }
}
