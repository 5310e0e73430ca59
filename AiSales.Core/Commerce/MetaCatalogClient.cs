using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json;
using AiSales.Core.Channels;
using AiSales.Core.Sending.Transports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Commerce;

/// <summary>A Graph call's failure, classified: what to do next and the code for the merchant's page.</summary>
public sealed record GraphFailure(SendOutcome Outcome, string ErrorCode, string Message, TimeSpan? RetryAfter)
{
    public bool Transient => Outcome == SendOutcome.RetryLater;
}

/// <summary>items_batch's answer: the batch handle, and the items Meta refused at once (retailer id → Meta's words).</summary>
public sealed record CatalogBatchSent(string? Handle, IReadOnlyDictionary<string, string> Rejected);

/// <summary>check_batch_request_status: whether Meta finished, and the items it could not apply (retailer id → its words).</summary>
public sealed record CatalogBatchStatus(string Status, bool Finished, bool Abandoned, IReadOnlyDictionary<string, string> Errors);

/// <summary>A WhatsApp number's commerce settings: the cart, and the catalog (storefront) icon in the chat header.</summary>
public sealed record CommerceSettings(bool CartEnabled, bool CatalogVisible);

/// <summary>Either a value or the classified failure.</summary>
public sealed record GraphResult<T>(T? Value, GraphFailure? Failure)
{
    public bool Ok => Failure is null;
}

/// <summary>
/// Meta's Catalog Batch API and WhatsApp commerce settings on graph.facebook.com, through the channels' Graph client
/// (its timeout; no automatic resend). The token goes in the Authorization header only, never a URL or a log line.
/// Every call here is safe to repeat: UPDATE/DELETE of an item by retailer id and setting a flag land on the same state,
/// and reads change nothing; so a lost answer is simply tried again by the caller.
/// </summary>
public sealed class MetaCatalogClient(IHttpClientFactory clients, IOptions<MetaOptions> endpoints, TimeProvider clock,
    ILogger<MetaCatalogClient> logger)
{
    private static readonly HashSet<string> Done = ["finished"];
    private static readonly HashSet<string> GaveUp = ["error", "canceled", "cancelled", "failed"];

    /// <summary>POST /{catalog-id}/items_batch with item_type PRODUCT_ITEM and the requests.</summary>
    public async Task<GraphResult<CatalogBatchSent>> SendBatchAsync(string catalogId, string token, IReadOnlyList<CatalogRequest> requests, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["item_type"] = "PRODUCT_ITEM",
            ["allow_upsert"] = true,
            ["requests"] = new JsonArray([.. requests.Select(r => (JsonNode)r.ToJson())]),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Version}/{Uri.EscapeDataString(catalogId)}/items_batch")
        {
            Content = JsonContent.Create(body),
        };
        return await CallAsync(request, token, "items_batch", json =>
        {
            var handle = json["handles"] is JsonArray { Count: > 0 } handles ? handles[0]?.GetValue<string>() : null;
            var rejected = new Dictionary<string, string>(StringComparer.Ordinal);
            if (json["validation_status"] is JsonArray statuses)
                foreach (var s in statuses.OfType<JsonObject>())
                    if (Text(s["retailer_id"]) is { } id && s["errors"] is JsonArray { Count: > 0 } errors)
                        rejected[id] = string.Join(" · ", errors.OfType<JsonObject>().Select(e => Text(e["message"])).Where(m => m is not null));
            return new CatalogBatchSent(handle, rejected);
        }, ct);
    }

    /// <summary>GET /{catalog-id}/check_batch_request_status?handle=… (with the ids of invalid requests).</summary>
    public async Task<GraphResult<CatalogBatchStatus>> CheckBatchAsync(string catalogId, string token, string handle, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{Version}/{Uri.EscapeDataString(catalogId)}/check_batch_request_status?handle={Uri.EscapeDataString(handle)}&load_ids_of_invalid_requests=true");
        return await CallAsync(request, token, "check_batch_request_status", json =>
        {
            var first = json["data"] is JsonArray { Count: > 0 } data ? data[0] as JsonObject : json;
            var status = Text(first?["status"])?.ToLowerInvariant() ?? "unknown";
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            if (first?["errors"] is JsonArray list)
                foreach (var e in list.OfType<JsonObject>())
                    if ((Text(e["id"]) ?? Text(e["retailer_id"])) is { } id)
                        errors[id] = errors.TryGetValue(id, out var before) ? $"{before} · {Text(e["message"])}" : Text(e["message"]) ?? "rejected";
            if (first?["ids_of_invalid_requests"] is JsonArray invalid)
                foreach (var id in invalid.Select(Text).OfType<string>()) errors.TryAdd(id, "Meta marked this item's request invalid.");
            return new CatalogBatchStatus(status, Done.Contains(status), GaveUp.Contains(status), errors);
        }, ct);
    }

    /// <summary>GET /{phone-number-id}/whatsapp_commerce_settings → {"data":[{"id","is_cart_enabled","is_catalog_visible"}]}.</summary>
    public async Task<GraphResult<CommerceSettings>> GetCommerceSettingsAsync(string phoneNumberId, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Version}/{Uri.EscapeDataString(phoneNumberId)}/whatsapp_commerce_settings");
        return await CallAsync(request, token, "whatsapp_commerce_settings", json =>
        {
            // Meta's defaults when a number never set them: cart on, storefront icon hidden.
            var first = json["data"] is JsonArray { Count: > 0 } data ? data[0] as JsonObject : null;
            return new CommerceSettings(Bool(first?["is_cart_enabled"]) ?? true, Bool(first?["is_catalog_visible"]) ?? false);
        }, ct);
    }

    /// <summary>POST /{phone-number-id}/whatsapp_commerce_settings?is_cart_enabled=…&amp;is_catalog_visible=… → {"success":true}.</summary>
    public async Task<GraphResult<bool>> SetCommerceSettingsAsync(string phoneNumberId, string token, CommerceSettings settings, CancellationToken ct)
    {
        static string B(bool b) => b ? "true" : "false";
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{Version}/{Uri.EscapeDataString(phoneNumberId)}/whatsapp_commerce_settings?is_cart_enabled={B(settings.CartEnabled)}&is_catalog_visible={B(settings.CatalogVisible)}");
        return await CallAsync(request, token, "whatsapp_commerce_settings", json => Bool(json["success"]) == true, ct);
    }

    private string Version => endpoints.Value.GraphApiVersion;

    private async Task<GraphResult<T>> CallAsync<T>(HttpRequestMessage request, string token, string what, Func<JsonObject, T> read, CancellationToken ct)
    {
        request.Headers.Authorization = new("Bearer", token);
        try
        {
            using var response = await clients.CreateClient(ChannelHttpClients.Graph).SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                JsonObject? json = null;
                try { json = JsonNode.Parse(body) as JsonObject; }
                catch (JsonException) { }
                if (json is not null) return new(read(json), null);
                logger.LogWarning("Graph {Call}: HTTP {Status} without a JSON object", what, (int)response.StatusCode);
                return new(default, new GraphFailure(SendOutcome.RetryLater, CatalogSyncErrors.NoAnswer, "Meta answered without data.", null));
            }
            var classified = GraphErrorClassifier.Classify(response.StatusCode, body, response.Headers.RetryAfter, clock.GetUtcNow());
            var failure = new GraphFailure(classified.Outcome, ErrorCodeOf(classified), classified.ErrorMessage ?? $"HTTP {(int)response.StatusCode}",
                // Only Meta's own Retry-After is a floor for the next try; the classifier's defaults are for message sends.
                classified.Outcome == SendOutcome.RetryLater ? response.Headers.RetryAfter?.Delta : null);
            logger.LogWarning("Graph {Call} refused: HTTP {Status}, code {Code}, outcome {Outcome}", what, (int)response.StatusCode,
                classified.ErrorCode?.ToString(CultureInfo.InvariantCulture) ?? "-", classified.Outcome);
            return new(default, failure);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            logger.LogWarning("Graph {Call} got no answer: {Error}", what, ex.GetType().Name);
            return new(default, new GraphFailure(SendOutcome.RetryLater, CatalogSyncErrors.NoAnswer, "Meta did not answer in time.", null));
        }
    }

    /// <summary>Codes, never message text, decide (Meta localizes messages).</summary>
    private static string ErrorCodeOf(SendResult r) => r switch
    {
        { Outcome: SendOutcome.WaitForReconnect } => CatalogSyncErrors.Token,
        { Outcome: SendOutcome.RetryLater } => CatalogSyncErrors.NoAnswer,
        // 100/33: "object does not exist, cannot be loaded due to missing permissions" — an unknown catalog or number id.
        { ErrorCode: 100, ErrorSubcode: 33 } or { ErrorCode: 803 } => CatalogSyncErrors.CatalogMissing,
        // 10 and 200–299: the permission family (catalog_management, business not owning the catalog).
        { ErrorCode: 10 } or { ErrorCode: >= 200 and < 300 } => CatalogSyncErrors.Permission,
        _ => CatalogSyncErrors.Rejected,
    };

    private static string? Text(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<string>(out var s) ? s : v.TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture) : null
        : null;

    private static bool? Bool(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<bool>(out var b) ? b : v.TryGetValue<string>(out var s) && bool.TryParse(s, out var p) ? p : null
        : null;
}
