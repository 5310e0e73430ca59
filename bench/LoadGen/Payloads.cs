using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiSales.Bench.LoadGen;

/// <summary>A ready-to-send request: path, raw body and its Meta-style signature header value.</summary>
public sealed record SignedRequest(string Path, byte[] Body, string Signature);

/// <summary>
/// One fixture envelope cut into literal text and event-id slots. With --unique every request gets fresh ids
/// in those slots (the same original id gets the same replacement within a body, so reply_to.mid keeps
/// pointing at its message), so the ingest's dedupe cannot collapse the load into a handful of rows.
/// </summary>
sealed partial class PayloadTemplate(string path, string[] literals, string[] slotIds)
{
    // Event ids the pipeline dedupes on: Messenger/Instagram mids, comment ids, WhatsApp wamids.
    [GeneratedRegex("\"(?:mid|comment_id)\"\\s*:\\s*\"(?<id>[^\"\\\\]+)\"|\"(?<id>wamid\\.[^\"\\\\]+)\"")]
    private static partial Regex EventIdPattern();

    public string Path { get; } = path;
    public string Text { get; } = string.Concat(literals.Zip(slotIds.Append(""), (l, s) => l + s));
    public int Slots => slotIds.Length;

    public static PayloadTemplate Parse(string path, string json)
    {
        var literals = new List<string>();
        var ids = new List<string>();
        var last = 0;
        foreach (Match match in EventIdPattern().Matches(json))
        {
            var id = match.Groups["id"];
            literals.Add(json[last..id.Index]);
            ids.Add(id.Value);
            last = id.Index + id.Length;
        }
        literals.Add(json[last..]);
        return new PayloadTemplate(path, [.. literals], [.. ids]);
    }

    /// <summary>The body with every event id replaced by one derived from <paramref name="sequence"/>.</summary>
    public string Render(string runId, long sequence)
    {
        var builder = new StringBuilder(Text.Length + 32);
        var fresh = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < slotIds.Length; i++)
        {
            builder.Append(literals[i]);
            var original = slotIds[i];
            if (!fresh.TryGetValue(original, out var replacement))
            {
                // Keep a wamid looking like a wamid; the suffix makes it unique per run, request and id.
                var prefix = original.StartsWith("wamid.", StringComparison.Ordinal) ? "wamid." : "";
                replacement = fresh[original] = $"{prefix}lg{runId}x{sequence:x}x{fresh.Count}";
            }
            builder.Append(replacement);
        }
        return builder.Append(literals[^1]).ToString();
    }
}

/// <summary>Loads the shared Meta fixtures and turns them into signed requests, round-robin.</summary>
public sealed class PayloadSource
{
    readonly PayloadTemplate[] _templates;
    readonly SignedRequest[] _fixed;
    readonly byte[] _secret;
    readonly bool _unique;
    readonly string _runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public PayloadSource(string directory, string secret, bool unique)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        _unique = unique;
        _templates = [.. Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .Select(file => (file, text: File.ReadAllText(file)))
            .Select(f => (f.text, path: PathFor(f.file, f.text)))
            .Where(f => f.path is not null)
            .Select(f => PayloadTemplate.Parse(f.path!, f.text))];
        if (_templates.Length == 0) throw new InvalidOperationException($"no full webhook envelopes in {directory}");
        _fixed = [.. _templates.Select(t => Sign(t.Path, Encoding.UTF8.GetBytes(t.Text)))];
    }

    public int Count => _templates.Length;
    public int WithEventIds => _templates.Count(t => t.Slots > 0);
    public IEnumerable<IGrouping<string, string>> ByPath => _templates.Select(t => t.Path).GroupBy(p => p);

    public SignedRequest Get(long sequence)
    {
        var index = (int)(sequence % _templates.Length);
        if (!_unique) return _fixed[index];
        var template = _templates[index];
        return Sign(template.Path, Encoding.UTF8.GetBytes(template.Render(_runId, sequence)));
    }

    SignedRequest Sign(string path, byte[] body) =>
        new(path, body, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, body)));

    /// <summary>Route for a full {object, entry} envelope; null for partial fixtures (entry_only/event files, arrays).</summary>
    static string? PathFor(string file, string text)
    {
        var name = Path.GetFileName(file);
        if (name.Contains("entry_only", StringComparison.Ordinal) || name.Contains("event", StringComparison.Ordinal)) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("object", out var kind)) return null;
            return kind.GetString() switch
            {
                "instagram" => "/webhooks/instagram",
                "page" => "/webhooks/messenger",
                "whatsapp_business_account" => "/webhooks/whatsapp",
                _ => null,
            };
        }
        catch (JsonException) { return null; }
    }
}
