using System.Text.Json;

namespace AiSales.Tests.Fakes;

/// <summary>
/// One request a fake received. Authorization and Azure's api-key header are stored masked ("Bearer ***", "***"), so
/// recorded requests can be printed in test output; <see cref="BearerToken"/> and <see cref="ApiKey"/> keep the raw
/// values for assertions.
/// </summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? BearerToken,
    DateTimeOffset ReceivedAt)
{
    public const string ApiKeyHeader = "api-key";

    /// <summary>The raw api-key header (Azure OpenAI's key authentication), or null when absent.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The body as JSON (a clone, safe to keep), or null when it is not JSON.</summary>
    public JsonElement? Json
    {
        get
        {
            try
            {
                using var doc = JsonDocument.Parse(Body);
                return doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Messenger/IG <c>message.metadata</c> or WhatsApp <c>biz_opaque_callback_data</c>: our idempotency key.</summary>
    public string? IdempotencyMetadata
    {
        get
        {
            if (Json is not { ValueKind: JsonValueKind.Object } root) return null;
            if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object
                && m.TryGetProperty("metadata", out var md) && md.ValueKind == JsonValueKind.String)
                return md.GetString();
            return root.TryGetProperty("biz_opaque_callback_data", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
        }
    }
}
