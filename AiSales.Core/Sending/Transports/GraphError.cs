using System.Text.Json;

namespace AiSales.Core.Sending.Transports;

/// <summary>The Graph error envelope <c>{"error":{"message","type","code","error_subcode","is_transient","error_data","fbtrace_id"}}</c>.</summary>
public sealed record GraphError(int Code, int? Subcode, string? Message, string? Type, bool IsTransient, string? Details, string? TraceId)
{
    /// <summary>Reads the envelope; null when the body is not one (HTML error page, empty body, success JSON).</summary>
    public static GraphError? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("error", out var e)
                || e.ValueKind != JsonValueKind.Object)
                return null;

            var code = Int(e, "code");
            if (code is null) return null;
            var details = e.TryGetProperty("error_data", out var data) && data.ValueKind == JsonValueKind.Object
                ? Str(data, "details")
                : null;
            var transient = e.TryGetProperty("is_transient", out var t) && t.ValueKind == JsonValueKind.True;
            return new GraphError(code.Value, Int(e, "error_subcode"), Str(e, "message"), Str(e, "type"), transient, details, Str(e, "fbtrace_id"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Meta sends numbers; tolerate strings because OSS captures and proxies sometimes re-encode them.
    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt32(out var i) => i,
            JsonValueKind.String when int.TryParse(v.GetString(), out var s) => s,
            _ => null,
        } : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
