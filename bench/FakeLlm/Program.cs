// A stand-in for an OpenAI-compatible chat completions server, for bench/reply-cost.sh: every completion answers after
// --delay-ms (a model's latency), in the wire format the OpenAI SDK reads, with a reply that names no product or price
// (so the price guard passes and each customer message costs exactly one completion). GET /stats: completions so far.
// Loopback only.
using System.Text.Json;

var delay = TimeSpan.FromMilliseconds(int.Parse(args.SkipWhile(a => a != "--delay-ms").Skip(1).FirstOrDefault() ?? "1000"));
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

const string Reply = """{"reply":"هلا بيك عيني، شلون أكدر أساعدك؟","intent":"greeting","handoff":false}""";
long completions = 0;

app.MapPost("/v1/chat/completions", async (HttpContext context) =>
{
    using (await JsonDocument.ParseAsync(context.Request.Body)) { } // read the request like a server would
    await Task.Delay(delay, context.RequestAborted);
    var n = Interlocked.Increment(ref completions);
    return Results.Json(new
    {
        id = $"chatcmpl-bench{n}",
        @object = "chat.completion",
        created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        model = "bench",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = Reply }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 300, completion_tokens = 30, total_tokens = 330 },
    });
});
app.MapGet("/stats", () => Results.Json(new { completions = Interlocked.Read(ref completions) }));

app.Run();
