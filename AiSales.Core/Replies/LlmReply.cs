using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiSales.Core.Replies;

/// <summary>The structured answer the model must return.</summary>
public sealed record LlmReply(
    string Reply,
    string Intent,
    IReadOnlyList<Guid> ProductIds,
    IReadOnlyList<string> LeadSignals,
    bool Handoff,
    string? HandoffReason,
    double Confidence);

/// <summary>
/// JSON schema of <see cref="LlmReply"/> (strict-mode compatible: every property required, no extras, nullable
/// as a type union) and a defensive parser: anything that is not that shape is a failure, never a guess.
/// </summary>
public static class LlmReplyFormat
{
    public const string SchemaName = "sales_reply";

    private const string SchemaJson = """
        {
          "type": "object",
          "properties": {
            "reply": { "type": "string", "description": "The message to send to the customer." },
            "intent": { "type": "string", "enum": ["greeting","price","availability","variant","delivery","order","complaint","wants_human","thanks","other"] },
            "product_ids": { "type": "array", "items": { "type": "string" }, "description": "Ids of the catalog products the reply talks about." },
            "lead_signals": { "type": "array", "items": { "type": "string" } },
            "handoff": { "type": "boolean" },
            "handoff_reason": { "type": ["string", "null"] },
            "confidence": { "type": "number", "description": "0..1: how sure you are the reply is correct and grounded." }
          },
          "required": ["reply","intent","product_ids","lead_signals","handoff","handoff_reason","confidence"],
          "additionalProperties": false
        }
        """;

    public static JsonElement Schema { get; } = JsonDocument.Parse(SchemaJson).RootElement.Clone();

    public static ChatResponseFormat ResponseFormat(bool jsonSchema) =>
        jsonSchema
            ? ChatResponseFormat.ForJsonSchema(Schema, SchemaName, "A reply to an Iraqi shop customer, grounded in the catalog.")
            : ChatResponseFormat.Json;

    /// <summary>Parses the model's text; null when it is not a usable reply (the caller falls back).</summary>
    public static LlmReply? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty response";
            return null;
        }

        var json = StripFences(text.Trim());
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "response is not a JSON object";
                return null;
            }

            if (!root.TryGetProperty("reply", out var replyEl) || replyEl.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(replyEl.GetString()))
            {
                error = "missing reply";
                return null;
            }

            var confidence = root.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number
                ? Math.Clamp(c.GetDouble(), 0, 1)
                : 0; // a model that does not say how sure it is gets no benefit of the doubt

            return new LlmReply(
                replyEl.GetString()!.Trim(),
                String(root, "intent") ?? "other",
                Strings(root, "product_ids").Select(s => Guid.TryParse(s, out var g) ? g : (Guid?)null)
                    .OfType<Guid>().Distinct().ToList(),
                Strings(root, "lead_signals"),
                root.TryGetProperty("handoff", out var h) && h.ValueKind == JsonValueKind.True,
                String(root, "handoff_reason"),
                confidence);
        }
        catch (JsonException ex)
        {
            error = "invalid JSON: " + ex.Message;
            return null;
        }
    }

    private static string StripFences(string text)
    {
        // Some OpenAI-compatible servers wrap json_object output in a markdown fence.
        if (!text.StartsWith("```", StringComparison.Ordinal))
            return text;
        var firstNewLine = text.IndexOf('\n');
        var lastFence = text.LastIndexOf("```", StringComparison.Ordinal);
        return firstNewLine > 0 && lastFence > firstNewLine ? text[(firstNewLine + 1)..lastFence] : text;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var el) && el.ValueKind == JsonValueKind.String ? el.GetString() : null;

    private static List<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var el) && el.ValueKind == JsonValueKind.Array
            ? el.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
}
