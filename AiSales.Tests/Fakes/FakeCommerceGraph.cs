using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>
/// Meta's Catalog Batch API and WhatsApp commerce settings on graph.facebook.com, in the documented wire formats:
/// POST /{version}/{catalog-id}/items_batch with a JSON body {item_type: PRODUCT_ITEM, allow_upsert, requests:[{method
/// CREATE|UPDATE|DELETE, data:{id,…}}]} answers {"handles":["…"],"validation_status":[{"retailer_id","errors":[{"message"}],
/// "warnings":[]}]} (an item missing a required field or with a malformed price is refused there); the batch is applied to
/// <see cref="Items"/> at once and GET …/check_batch_request_status?handle=… answers {"data":[{"handle","status",
/// "errors_total_count","errors":[{"line","id","message"}],"warnings_total_count","warnings","ids_of_invalid_requests"}]},
/// "started" for the first <see cref="ChecksBeforeFinished"/> reads then "finished". GET/POST /{version}/{phone-number-id}/
/// whatsapp_commerce_settings read {"data":[{"id","is_cart_enabled","is_catalog_visible"}]} and set from the query
/// ({"success":true}). Any token but <see cref="ValidToken"/> gets Graph's 190 OAuthException (HTTP 401); an unknown
/// catalog or number gets code 100 subcode 33 (HTTP 400). Faults (FailNext/AddRule) answer first.
/// </summary>
public sealed partial class FakeCommerceGraph : FakeHttpService
{
    public const string ValidToken = "EAAG-fake-catalog-token";
    public const string CatalogId = "194836987003835";
    public const string PhoneNumberId = "106540352249777";

    private static readonly string[] Required = ["id", "title", "description", "availability", "condition", "price", "link", "image_link", "brand"];
    private long _sequence;
    private readonly ConcurrentDictionary<string, Batch> _batches = new();
    private readonly ConcurrentDictionary<string, string> _statusErrors = new(StringComparer.Ordinal);

    /// <summary>The catalog's items by retailer id, as the last applied request left them.</summary>
    public ConcurrentDictionary<string, JsonObject> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>Every item request received (method, data), in order, across batches.</summary>
    public ConcurrentQueue<(string Method, JsonObject Data)> ItemRequests { get; } = new();

    public ConcurrentDictionary<string, (bool Cart, bool Catalog)> CommerceSettings { get; } = new(StringComparer.Ordinal);

    /// <summary>Status reads that answer "started" before a batch reads "finished".</summary>
    public int ChecksBeforeFinished { get; set; }

    private sealed record Batch(string Handle, List<(int Line, string Id, string Message)> Errors)
    {
        public int Checks;
    }

    public static async Task<FakeCommerceGraph> StartNewAsync()
    {
        var fake = new FakeCommerceGraph();
        fake.CommerceSettings[PhoneNumberId] = (true, false); // Meta's defaults: cart on, storefront icon hidden
        await fake.StartAsync();
        return fake;
    }

    /// <summary>Meta's batch status will report an error for this retailer id (an item it could not apply later on).</summary>
    public void RejectLater(string retailerId, string message) => _statusErrors[retailerId] = message;

    public IReadOnlyList<RecordedRequest> BatchPosts => [.. Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/items_batch", StringComparison.Ordinal))];

    protected override void Map(WebApplication app)
    {
        app.MapPost("/{version}/{catalogId}/items_batch", async (HttpContext context, string catalogId) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request || !await AuthorizedAsync(context, request)) return;
            if (catalogId != CatalogId) { await UnknownObjectAsync(context, catalogId); return; }
            var body = JsonNode.Parse(request.Body) as JsonObject;
            if (body?["item_type"]?.GetValue<string>() != "PRODUCT_ITEM" || body["requests"] is not JsonArray requests)
            {
                await ErrorAsync(context, 400, 100, null, "(#100) The parameter requests is required");
                return;
            }
            var upsert = body["allow_upsert"] is not JsonValue u || u.GetValue<bool>();
            var validation = new JsonArray();
            var errors = new List<(int, string, string)>();
            var line = 0;
            foreach (var r in requests.OfType<JsonObject>())
            {
                var method = r["method"]?.GetValue<string>() ?? "";
                var data = r["data"] as JsonObject ?? new JsonObject();
                var id = data["id"]?.GetValue<string>() ?? "";
                ItemRequests.Enqueue((method, (JsonObject)data.DeepClone()));
                var problem = Validate(method, data);
                if (problem is not null)
                    validation.Add(new JsonObject { ["retailer_id"] = id, ["errors"] = new JsonArray(new JsonObject { ["message"] = problem }), ["warnings"] = new JsonArray() });
                else if (Apply(method, id, data, upsert) is { } applyError) errors.Add((line, id, applyError));
                else if (_statusErrors.TryRemove(id, out var later)) errors.Add((line, id, later));
                line++;
            }
            var handle = $"AcFAKEhandle{Interlocked.Increment(ref _sequence):D6}";
            _batches[handle] = new Batch(handle, errors);
            await context.Response.WriteAsJsonAsync(new JsonObject { ["handles"] = new JsonArray(handle), ["validation_status"] = validation });
        });

        app.MapGet("/{version}/{catalogId}/check_batch_request_status", async (HttpContext context, string catalogId) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request || !await AuthorizedAsync(context, request)) return;
            if (catalogId != CatalogId || !_batches.TryGetValue(context.Request.Query["handle"].ToString(), out var batch))
            {
                await UnknownObjectAsync(context, catalogId);
                return;
            }
            var finished = Interlocked.Increment(ref batch.Checks) > ChecksBeforeFinished;
            var status = new JsonObject
            {
                ["handle"] = batch.Handle,
                ["status"] = finished ? "finished" : "started",
                ["errors_total_count"] = finished ? batch.Errors.Count : 0,
                ["errors"] = finished
                    ? new JsonArray([.. batch.Errors.Select(e => (JsonNode)new JsonObject { ["line"] = e.Line, ["id"] = e.Id, ["message"] = e.Message })])
                    : new JsonArray(),
                ["warnings_total_count"] = 0,
                ["warnings"] = new JsonArray(),
                ["ids_of_invalid_requests"] = finished ? new JsonArray([.. batch.Errors.Select(e => (JsonNode)e.Id)]) : new JsonArray(),
            };
            await context.Response.WriteAsJsonAsync(new JsonObject { ["data"] = new JsonArray(status) });
        });

        app.MapGet("/{version}/{phoneNumberId}/whatsapp_commerce_settings", async (HttpContext context, string phoneNumberId) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request || !await AuthorizedAsync(context, request)) return;
            if (!CommerceSettings.TryGetValue(phoneNumberId, out var s)) { await UnknownObjectAsync(context, phoneNumberId); return; }
            await context.Response.WriteAsJsonAsync(new { data = new[] { new { id = $"{phoneNumberId}01", is_cart_enabled = s.Cart, is_catalog_visible = s.Catalog } } });
        });

        app.MapPost("/{version}/{phoneNumberId}/whatsapp_commerce_settings", async (HttpContext context, string phoneNumberId) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request || !await AuthorizedAsync(context, request)) return;
            if (!CommerceSettings.TryGetValue(phoneNumberId, out var s)) { await UnknownObjectAsync(context, phoneNumberId); return; }
            bool Flag(string name, bool current) => context.Request.Query.TryGetValue(name, out var v) ? v.ToString() == "true" : current;
            CommerceSettings[phoneNumberId] = (Flag("is_cart_enabled", s.Cart), Flag("is_catalog_visible", s.Catalog));
            await context.Response.WriteAsJsonAsync(new { success = true });
        });
    }

    /// <summary>What Meta refuses at once: a missing required field or a price not "amount CODE".</summary>
    private static string? Validate(string method, JsonObject data)
    {
        if (method is not ("CREATE" or "UPDATE" or "DELETE")) return $"Invalid method {method}";
        if (data["id"] is null) return "Required field id is missing";
        if (method == "DELETE") return null;
        if (Required.FirstOrDefault(f => data[f] is null || data[f]!.GetValue<string>().Length == 0) is { } missing)
            return $"Required field {missing} is missing";
        if (!PriceFormat().IsMatch(data["price"]!.GetValue<string>())) return "Invalid price format";
        if (data["availability"]!.GetValue<string>() is not ("in stock" or "out of stock")) return "Invalid availability";
        return null;
    }

    private string? Apply(string method, string id, JsonObject data, bool upsert)
    {
        switch (method)
        {
            case "CREATE" when Items.ContainsKey(id):
                return "An item with this retailer id already exists";
            case "UPDATE" when !upsert && !Items.ContainsKey(id):
                return "Item does not exist";
            case "DELETE":
                return Items.TryRemove(id, out _) ? null : "Item does not exist";
            case "UPDATE" when Items.TryGetValue(id, out var existing):
                foreach (var (k, v) in data) existing[k] = v?.DeepClone();
                return null;
            default:
                Items[id] = (JsonObject)data.DeepClone();
                return null;
        }
    }

    [GeneratedRegex(@"^\d+(\.\d{1,3})? [A-Z]{3}$")]
    private static partial Regex PriceFormat();

    private static async Task<bool> AuthorizedAsync(HttpContext context, RecordedRequest request)
    {
        if (request.BearerToken == ValidToken) return true;
        await ErrorAsync(context, 401, 190, 463, "Error validating access token: Session has expired.", "OAuthException");
        return false;
    }

    private static Task UnknownObjectAsync(HttpContext context, string id) => ErrorAsync(context, 400, 100, 33,
        $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
        "GraphMethodException");

    private static async Task ErrorAsync(HttpContext context, int status, int code, int? subcode, string message, string type = "OAuthException")
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { error = new { message, type, code, error_subcode = subcode, fbtrace_id = "FAKEtrace" } });
    }

    /// <summary>Graph's transient envelope (code 2, is_transient), for FailNext.</summary>
    public static FakeFault Transient => new(503, JsonSerializer.Serialize(new { error = new { message = "An unexpected error has occurred. Please retry your request later.", type = "OAuthException", is_transient = true, code = 2, fbtrace_id = "FAKEtrace" } }));
}
