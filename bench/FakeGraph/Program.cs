// A stand-in for graph.facebook.com / graph.instagram.com sends, for the fault campaign (bench/chaos.sh).
// Answers like Meta (Messenger/Instagram: recipient_id + message_id; WhatsApp: messages[0].id; comment replies: id)
// and appends one line per call to --record (tab-separated: unix ms, path, idempotency key, recipient), where the
// key is what the sender puts in message.metadata (Messenger/Instagram) or biz_opaque_callback_data (WhatsApp).
// GET /stats: calls, distinct keys, keys called more than once. Loopback only.
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;

var record = args.SkipWhile(a => a != "--record").Skip(1).FirstOrDefault() ?? "fakegraph.tsv";
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
var keys = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
long calls = 0, sequence = 0;
var writer = Task.Run(async () =>
{
    await using var file = new StreamWriter(record, append: true) { AutoFlush = false };
    await foreach (var line in lines.Reader.ReadAllAsync())
    {
        await file.WriteLineAsync(line);
        if (lines.Reader.Count == 0) await file.FlushAsync();
    }
});

async Task<(JsonElement Root, string Key, string Recipient)> ReadAsync(HttpRequest request)
{
    using var doc = await JsonDocument.ParseAsync(request.Body);
    var root = doc.RootElement.Clone();
    string Str(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
    var key = root.TryGetProperty("message", out var m) ? Str(m, "metadata") : "";
    if (key.Length == 0) key = Str(root, "biz_opaque_callback_data");
    var recipient = root.TryGetProperty("recipient", out var r) ? Str(r, "id") + Str(r, "comment_id") : Str(root, "to");
    return (root, key, recipient);
}

void Record(string path, string key, string recipient)
{
    Interlocked.Increment(ref calls);
    if (key.Length > 0) keys.AddOrUpdate(key, 1, (_, n) => n + 1);
    lines.Writer.TryWrite($"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\t{path}\t{key}\t{recipient}");
}

app.MapPost("/{version}/{id}/messages", async (HttpContext context, string id) =>
{
    var (root, key, recipient) = await ReadAsync(context.Request);
    Record(context.Request.Path, key, recipient);
    var n = Interlocked.Increment(ref sequence);
    if (root.TryGetProperty("messaging_product", out var p) && p.GetString() == "whatsapp")
        return Results.Json(new { messaging_product = "whatsapp", contacts = new[] { new { input = recipient, wa_id = recipient } }, messages = new[] { new { id = $"wamid.FAKE{n:D10}" } } });
    return Results.Json(new { recipient_id = recipient, message_id = $"m_FAKE{n:D10}" });
});
app.MapPost("/{version}/{commentId}/replies", async (HttpContext context, string commentId) =>
{
    var (_, key, _) = await ReadAsync(context.Request);
    Record(context.Request.Path, key, commentId);
    return Results.Json(new { id = $"{commentId}_reply{Interlocked.Increment(ref sequence)}" });
});
app.MapGet("/stats", () => Results.Json(new { calls = Interlocked.Read(ref calls), distinctKeys = keys.Count, keysCalledMoreThanOnce = keys.Count(k => k.Value > 1) }));

await app.RunAsync();
lines.Writer.Complete();
await writer;
