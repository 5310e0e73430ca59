using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AiSales.Core.Channels;
using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Signatures;
using AiSales.Core.Persistence.Entities;
using AiSales.Webhooks.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiSales.Webhooks.Apis;

/// <summary>
/// Meta's webhook endpoints. GET answers the verification handshake; POST verifies, stores and
/// enqueues a delivery and answers 200 only once that is committed. Bad input gets a clear 4xx and
/// writes nothing; a database problem gets a 503 with Retry-After so Meta tries again.
/// </summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/webhooks").WithTags("Webhooks");
        api.MapGet("/{platform}", Verify).WithName("VerifyWebhook");
        api.MapPost("/{platform}", ReceiveAsync).WithName("ReceiveWebhook");
        return api;
    }

    public static Results<ContentHttpResult, NotFound, StatusCodeHttpResult> Verify(string platform, HttpRequest request, IOptions<MetaOptions> meta)
    {
        if (!TryParsePlatform(platform, out _)) return TypedResults.NotFound();
        var query = request.Query;
        string? mode = query["hub.mode"], token = query["hub.verify_token"], challenge = query["hub.challenge"];
        if (mode != "subscribe" || token is null || string.IsNullOrEmpty(challenge) || challenge.Length > 256
            || !FixedTimeEquals(token, meta.Value.VerifyToken))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        return TypedResults.Text(challenge, "text/plain", Encoding.UTF8);
    }

    public static async Task<IResult> ReceiveAsync(string platform, HttpContext http, [AsParameters] IngestServices s)
    {
        var started = Stopwatch.GetTimestamp();
        if (!TryParsePlatform(platform, out var route)) return TypedResults.NotFound();
        var tag = route.ToName();

        IResult Reject(int status, string outcome, string detail)
        {
            s.Telemetry.Request(tag, outcome, started);
            return TypedResults.Problem(detail: detail, statusCode: status);
        }

        if (!IsJson(http.Request.ContentType))
            return Reject(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Content-Type must be application/json.");

        var options = s.Options.Value;
        var read = await RawBodyReader.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        if (read.TooLarge)
            return Reject(StatusCodes.Status413PayloadTooLarge, "too_large", $"Body exceeds {options.MaxBodyBytes} bytes.");
        var body = read.Body!;

        var signature = http.Request.Headers["X-Hub-Signature-256"].ToString();
        var check = s.Signatures.Verify(signature, body);
        if (!check.IsValid)
            return Reject(StatusCodes.Status401Unauthorized, "bad_signature", "Missing or invalid X-Hub-Signature-256.");

        switch (EnvelopeInspector.Inspect(body, route, out var objectName))
        {
            case EnvelopeInspector.Verdict.Malformed:
                return Reject(StatusCodes.Status400BadRequest, "malformed", "Body is not a well-formed JSON object.");
            case EnvelopeInspector.Verdict.WrongObject:
                return Reject(StatusCodes.Status400BadRequest, "wrong_object", $"\"object\" does not fit /webhooks/{tag}.");
        }

        var delivery = new IncomingDelivery(route, objectName!, body, HeadersJson(http.Request), Activity.Current?.Id);
        try
        {
            await s.Committer.CommitAsync(delivery, http.RequestAborted).WaitAsync(options.CommitTimeout + TimeSpan.FromSeconds(1));
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Stored nothing (the batch rolled back or never ran): Meta must retry.
            http.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString();
            return Reject(StatusCodes.Status503ServiceUnavailable, "unavailable", "Storage is unavailable; retry later.");
        }

        s.Telemetry.Request(tag, "stored", started);
        return TypedResults.Text("EVENT_RECEIVED", "text/plain");
    }

    // Routes are exactly the three platform names (ChannelNames.TryParse also accepts Meta's
    // "object" aliases, which are not routes).
    internal static bool TryParsePlatform(string value, out ChannelPlatform platform) =>
        ChannelNames.TryParse(value, out platform) && value.Equals(platform.ToName(), StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    // Only the headers that matter for replay and forensics; never cookies or auth.
    private static readonly string[] KeptHeaders =
        ["X-Hub-Signature-256", "X-Hub-Signature", "User-Agent", "Content-Type", "Facebook-API-Version", "traceparent"];

    private static string HeadersJson(HttpRequest request)
    {
        using var buffer = new MemoryStream(256);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var name in KeptHeaders)
                if (request.Headers.TryGetValue(name, out var value)) json.WriteString(name, value.ToString());
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

/// <summary>What the POST handler needs, bundled eShop-style.</summary>
public sealed class IngestServices(DeliveryCommitter committer, IOptions<WebhookOptions> options, MetaSignatureVerifier signatures, IngestTelemetry telemetry)
{
    public DeliveryCommitter Committer { get; } = committer;
    public IOptions<WebhookOptions> Options { get; } = options;
    public MetaSignatureVerifier Signatures { get; } = signatures;
    public IngestTelemetry Telemetry { get; } = telemetry;
}
