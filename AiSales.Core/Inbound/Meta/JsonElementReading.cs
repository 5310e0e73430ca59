using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiSales.Core.Text;

namespace AiSales.Core.Inbound.Meta;

/// <summary>
/// Tolerant readers over JsonElement. Meta (and its dashboard test button, and doc copies) send ids as
/// numbers or strings, timestamps as ms, s, numeric strings or ISO strings, and sometimes the wrong type
/// entirely; none of that may throw.
/// </summary>
internal static partial class JsonElementReading
{
    public static JsonElement? Prop(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    public static JsonElement? Obj(this JsonElement element, string name) =>
        element.Prop(name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static JsonElement? Obj(this JsonElement? element, string name) =>
        element is { } e ? e.Obj(name) : null;

    public static IEnumerable<JsonElement> Arr(this JsonElement element, string name) =>
        element.Prop(name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    public static bool Has(this JsonElement element, string name) =>
        element.Prop(name) is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };

    /// <summary>
    /// String, number (as written) or bool as text; null for objects, arrays, null and blanks. Strings come out
    /// sanitised (<see cref="TextSanitizer"/>): a NUL in a customer's message must not make its delivery unstorable.
    /// </summary>
    public static string? Str(this JsonElement element, string name) => element.Prop(name)?.AsText();

    public static string? Str(this JsonElement? element, string name) => element is { } e ? e.Str(name) : null;

    public static string? AsText(this JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => CleanString(value),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Like <see cref="Str(JsonElement,string)"/> but keeps an empty string (WA removed reaction: emoji "").</summary>
    public static string? StrOrEmpty(this JsonElement element, string name) =>
        element.Prop(name) is { ValueKind: JsonValueKind.String } value ? CleanString(value) : element.Str(name);

    public static bool Bool(this JsonElement element, string name) => element.Prop(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.String } s => string.Equals(s.GetString(), "true", StringComparison.OrdinalIgnoreCase),
        { ValueKind: JsonValueKind.Number } n => n.TryGetInt64(out var l) && l != 0,
        _ => false,
    };

    public static bool? BoolOrNull(this JsonElement element, string name) =>
        element.Prop(name) is { ValueKind: JsonValueKind.True or JsonValueKind.False or JsonValueKind.String or JsonValueKind.Number }
            ? element.Bool(name)
            : null;

    public static long? Long(this JsonElement element, string name)
    {
        var text = element.Str(name);
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d) && d >= long.MinValue && d <= long.MaxValue)
        {
            return (long)d;
        }
        return null;
    }

    public static int? Int(this JsonElement element, string name) =>
        element.Long(name) is { } l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

    public static double? Double(this JsonElement element, string name) =>
        element.Str(name) is { } text
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : null;

    public static DateTimeOffset? Time(this JsonElement element, string name) =>
        element.Prop(name) is { } value ? ParseTime(value) : null;

    /// <summary>
    /// Epoch numbers: at or above 1e11 they are milliseconds (Messenger/IG), below seconds (WhatsApp, Graph
    /// changes); 1e11 s would be the year 5138 and 1e11 ms is 1973, so the split is unambiguous for real data.
    /// Strings may be numeric or ISO 8601 with a "+0000" offset (doc copies).
    /// </summary>
    public static DateTimeOffset? ParseTime(JsonElement value)
    {
        var text = value.AsText();
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (!double.IsFinite(number) || number <= 0) return null;
            var ms = number >= 1e11 ? number : number * 1000;
            const double maxMs = 253402300799999d; // 9999-12-31
            return ms > maxMs ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        }
        var iso = text.Length > 5 && (text[^5] is '+' or '-') && text[^4..].All(char.IsAsciiDigit)
            ? string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2))
            : text;
        return DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>
    /// The element's JSON as written, for the jsonb columns that keep raw parts of a payload. Postgres jsonb refuses the
    /// escapes \u0000 and unpaired \ud800-\udfff, so an element with such an escape is written again with every string
    /// and property name sanitised (<see cref="TextSanitizer"/>); anything else (Meta's usual \u0627...) is returned untouched.
    /// </summary>
    public static string CleanRawText(this JsonElement element)
    {
        var raw = element.GetRawText();
        if (!HasUnstorableEscape(raw)) return raw;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            WriteClean(element, writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // \u0000 or a surrogate escape (\uD800-\uDFFF): a paired one is rewritten too, harmlessly, to keep the check simple.
    private static bool HasUnstorableEscape(string raw)
    {
        for (var i = raw.IndexOf("\\u", StringComparison.Ordinal); i >= 0 && i + 5 < raw.Length; i = raw.IndexOf("\\u", i + 2, StringComparison.Ordinal))
        {
            var hex = raw.AsSpan(i + 2, 4);
            if (hex.SequenceEqual("0000") || (hex[0] is 'd' or 'D' && hex[1] is '8' or '9' or (>= 'a' and <= 'f') or (>= 'A' and <= 'F')))
                return true;
        }
        return false;
    }

    private static void WriteClean(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(TextSanitizer.Clean(property.Name)!);
                    WriteClean(property.Value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteClean(item, writer);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(CleanString(element));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>A JSON string sanitised (<see cref="TextSanitizer"/>).</summary>
    private static string? CleanString(JsonElement value)
    {
        try
        {
            return TextSanitizer.Clean(value.GetString());
        }
        catch (InvalidOperationException)
        {
            // An unpaired surrogate escape ("\ud800") makes GetString throw, which lost the whole event: read the string
            // again without its surrogate escapes (a paired one, an emoji, goes too; the string was broken anyway).
            return TextSanitizer.Clean(JsonSerializer.Deserialize<string>(SurrogateEscape().Replace(value.GetRawText(), "")));
        }
    }

    [GeneratedRegex(@"(?<!\\)\\u[dD][89a-fA-F][0-9a-fA-F]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex SurrogateEscape();

    /// <summary>Short stable fingerprint used when an event has no id of its own.</summary>
    public static string Fingerprint(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
