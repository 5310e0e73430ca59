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
    /// <summary>Ids that name the merchant's account (entry id, recipient, WhatsApp phone_number_id): --accounts rewrites them.</summary>
    public string[] AccountIds { get; init; } = [];
    /// <summary>Ids that name the customer (sender, WhatsApp from/wa_id): --unique-senders rewrites them.</summary>
    public string[] SenderIds { get; init; } = [];

    // Event ids the pipeline dedupes on: Messenger/Instagram mids, comment ids, WhatsApp wamids.
    [GeneratedRegex("\"(?:mid|comment_id)\"\\s*:\\s*\"(?<id>[^\"\\\\]+)\"|\"(?<id>wamid\\.[^\"\\\\]+)\"")]
    private static partial Regex EventIdPattern();

    public string Path { get; } = path;
    public string[] Literals => literals;
    public string[] SlotIds => slotIds;
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

    [GeneratedRegex("\"(?<name>timestamp|time)\"\\s*:\\s*(?<q>\"?)(?<v>\\d{10}|\\d{13})\\k<q>")]
    private static partial Regex TimestampPattern();

    /// <summary>--now: event times become the send time (ms or s as in the original), so Meta's 24-hour window is open.</summary>
    public static string Freshen(string text)
    {
        var now = DateTimeOffset.UtcNow;
        return TimestampPattern().Replace(text, m =>
        {
            var value = m.Groups["v"].Value.Length == 13 ? now.ToUnixTimeMilliseconds() : now.ToUnixTimeSeconds();
            var q = m.Groups["q"].Value;
            return $"\"{m.Groups["name"].Value}\":{q}{value}{q}";
        });
    }

    /// <summary>Textual rewrite of the quoted account and customer ids (after Render, so event ids are already fresh).</summary>
    public string Retarget(string text, string? account, string? sender)
    {
        if (account is not null)
            foreach (var id in AccountIds) text = text.Replace($"\"{id}\"", $"\"{account}\"", StringComparison.Ordinal);
        if (sender is not null)
            foreach (var id in SenderIds) text = text.Replace($"\"{id}\"", $"\"{sender}\"", StringComparison.Ordinal);
        return text;
    }

    /// <summary>Finds account and customer ids in a full envelope.</summary>
    public static (string[] Accounts, string[] Senders) FindIds(string json)
    {
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        var senders = new HashSet<string>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        static string? Str(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (!doc.RootElement.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array) return ([], []);
        foreach (var entry in entries.EnumerateArray())
        {
            if (Str(entry, "id") is { } entryId) accounts.Add(entryId);
            foreach (var listName in new[] { "messaging", "standby" })
            {
                if (!entry.TryGetProperty(listName, out var list) || list.ValueKind != JsonValueKind.Array) continue;
                foreach (var ev in list.EnumerateArray())
                {
                    if (ev.TryGetProperty("sender", out var snd) && Str(snd, "id") is { } s) senders.Add(s);
                    if (ev.TryGetProperty("recipient", out var rcp) && Str(rcp, "id") is { } r) senders.Add(r);
                }
            }
            if (entry.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Array)
                foreach (var change in changes.EnumerateArray())
                {
                    if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object) continue;
                    if (value.TryGetProperty("metadata", out var meta) && Str(meta, "phone_number_id") is { } phone) accounts.Add(phone);
                    if (value.TryGetProperty("from", out var from) && Str(from, "id") is { } fromId) senders.Add(fromId);
                    if (value.TryGetProperty("messages", out var msgs) && msgs.ValueKind == JsonValueKind.Array)
                        foreach (var m in msgs.EnumerateArray()) if (Str(m, "from") is { } f) senders.Add(f);
                    if (value.TryGetProperty("contacts", out var contacts) && contacts.ValueKind == JsonValueKind.Array)
                        foreach (var c in contacts.EnumerateArray()) if (Str(c, "wa_id") is { } w) senders.Add(w);
                }
        }
        // An echo's sender is the account itself: it stays an account id. The WABA id (entry id) is harmless to rewrite.
        senders.ExceptWith(accounts);
        return ([.. accounts], [.. senders]);
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
    readonly int _runIdNumber = RandomNumberGenerator.GetInt32(1000, 9999);

    readonly int _accounts;
    readonly long _accountBase;
    readonly bool _uniqueSenders;
    public bool FreshTimestamps { get; init; }

    public PayloadSource(string directory, string secret, bool unique, int accounts = 0, long accountBase = 0, bool uniqueSenders = false, string[]? only = null)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        _unique = unique;
        _accounts = accounts;
        _accountBase = accountBase;
        _uniqueSenders = uniqueSenders;
        _templates = [.. Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .Where(file => only is null || only.Any(o => Path.GetFileName(file).Contains(o, StringComparison.Ordinal)))
            .Select(file => (file, text: File.ReadAllText(file)))
            .Select(f => (f.text, path: PathFor(f.file, f.text)))
            .Where(f => f.path is not null)
            .Select(f =>
            {
                var (acc, snd) = PayloadTemplate.FindIds(f.text);
                var parsed = PayloadTemplate.Parse(f.path!, f.text);
                return new PayloadTemplate(parsed.Path, parsed.Literals, parsed.SlotIds) { AccountIds = acc, SenderIds = snd };
            })];
        if (_templates.Length == 0) throw new InvalidOperationException($"no full webhook envelopes in {directory}");
        _fixed = [.. _templates.Select(t => Sign(t.Path, Encoding.UTF8.GetBytes(t.Text)))];
    }

    public int Count => _templates.Length;
    public int WithEventIds => _templates.Count(t => t.Slots > 0);
    public IEnumerable<IGrouping<string, string>> ByPath => _templates.Select(t => t.Path).GroupBy(p => p);

    public SignedRequest Get(long sequence)
    {
        var index = (int)(sequence % _templates.Length);
        if (!_unique && _accounts == 0 && !_uniqueSenders && !FreshTimestamps) return _fixed[index];
        var template = _templates[index];
        var text = _unique ? template.Render(_runId, sequence) : template.Text;
        // Account by a different stride than the template, so every account sees every kind of payload.
        var account = _accounts > 0 ? (_accountBase + (sequence / _templates.Length + sequence) % _accounts).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        var sender = _uniqueSenders ? $"9{_runIdNumber}{sequence:D9}" : null;
        text = template.Retarget(text, account, sender);
        if (FreshTimestamps) text = PayloadTemplate.Freshen(text);
        return Sign(template.Path, Encoding.UTF8.GetBytes(text));
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
