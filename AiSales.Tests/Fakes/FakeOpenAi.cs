using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>A function call the fake model makes: the tool's name and its arguments as a JSON object text.</summary>
public sealed record FakeToolCall(string Name, string ArgumentsJson);

/// <summary>One chat message of a recorded completion request.</summary>
public sealed record ChatMessage(string Role, string Content);

/// <summary>
/// A parsed chat completion request. <see cref="ResponseFormat"/> is "text", "json_object" or
/// "json_schema" (with <see cref="JsonSchemaName"/>) when the caller asked for structured output.
/// </summary>
public sealed record ChatRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    string? ResponseFormat,
    string? JsonSchemaName,
    double? Temperature,
    JsonElement Raw)
{
    public string LastUserMessage => Messages.LastOrDefault(m => m.Role == "user")?.Content ?? "";

    /// <summary>Image parts of the request's messages (multimodal input: {"type":"image_url","image_url":{"url":"data:…"}}).</summary>
    public IReadOnlyList<string> ImageUrls => Raw.TryGetProperty("messages", out var messages)
        ? [.. messages.EnumerateArray()
            .Where(m => m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Array)
            .SelectMany(m => m.GetProperty("content").EnumerateArray())
            .Where(p => p.TryGetProperty("type", out var t) && t.GetString() == "image_url")
            .Select(p => p.GetProperty("image_url").GetProperty("url").GetString() ?? "")]
        : [];
}

/// <summary>
/// OpenAI's chat completions endpoint (POST /v1/chat/completions and /chat/completions, Bearer key) and Azure OpenAI's
/// (POST /openai/deployments/{deployment}/chat/completions?api-version=…, api-key header) in the real wire format, so
/// the OpenAI and Azure OpenAI SDKs and Microsoft.Extensions.AI clients can talk to it. Replies come from
/// <see cref="Responder"/>; usage counts are a rough 4-characters-per-token estimate. A request without the key its
/// route expects gets 401, an Azure request without api-version 404, as the real services answer.
/// Faults (429/500 bodies, hangs) go through the shared FailNext/AddRule helpers.
/// </summary>
public sealed partial class FakeOpenAi : FakeHttpService
{
    public const string DefaultReply = """{"reply":"تمام، شكراً لتواصلك","intent":"greeting","handoff":false}""";

    public Func<ChatRequest, string> Responder { get; set; } = _ => DefaultReply;

    /// <summary>
    /// When set and it returns calls for a request, the fake answers with those function calls (message.tool_calls,
    /// finish_reason "tool_calls") as OpenAI does, instead of <see cref="Responder"/>'s content.
    /// </summary>
    public Func<ChatRequest, IReadOnlyList<FakeToolCall>?>? ToolCalls { get; set; }

    public IReadOnlyList<ChatRequest> ChatRequests => [.. Requests.Select(r => Parse(r.Body)).OfType<ChatRequest>()];

    public static async Task<FakeOpenAi> StartNewAsync(Func<ChatRequest, string>? responder = null)
    {
        var fake = new FakeOpenAi();
        if (responder is not null) fake.Responder = responder;
        await fake.StartAsync();
        return fake;
    }

    /// <summary>An OpenAI-style error body for FailNext (e.g. 429 rate_limit_exceeded).</summary>
    public static FakeFault Error(int status, string type, string message, TimeSpan? retryAfter = null) =>
        new(status, JsonSerializer.Serialize(new { error = new { message, type, param = (string?)null, code = type } }), null,
            retryAfter is { } r ? new Dictionary<string, string> { ["Retry-After"] = ((int)r.TotalSeconds).ToString() } : null);

    /// <summary>Azure OpenAI's chat completions path for a deployment.</summary>
    public static string AzurePath(string deployment) => $"/openai/deployments/{deployment}/chat/completions";

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/chat/completions", context => Complete(context, azure: false));
        app.MapPost("/chat/completions", context => Complete(context, azure: false));
        app.MapPost(AzurePath("{deployment}"), context => Complete(context, azure: true));
        MapAudio(app); // speech to text: FakeOpenAi.Audio.cs
    }

    private async Task Complete(HttpContext context, bool azure)
    {
        if (await RecordAndApplyFaultsAsync(context) is not { } recorded) return;
        if (azure && string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = new { code = "404", message = "Resource not found" } });
            return;
        }
        if (string.IsNullOrEmpty(azure ? recorded.ApiKey : recorded.BearerToken))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "Missing API key", type = "invalid_request_error", code = "invalid_api_key" } });
            return;
        }
        if (Parse(recorded.Body) is not { } request)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "Invalid body", type = "invalid_request_error" } });
            return;
        }

        if (ToolCalls?.Invoke(request) is { Count: > 0 } calls)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id = $"chatcmpl-fake{Guid.NewGuid():N}",
                @object = "chat.completion",
                created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                model = request.Model,
                choices = new[]
                {
                    new
                    {
                        index = 0,
                        message = new
                        {
                            role = "assistant", content = (string?)null, refusal = (string?)null,
                            tool_calls = calls.Select((c, i) => new { id = $"call_{i}_{Guid.NewGuid():N}", type = "function", function = new { name = c.Name, arguments = c.ArgumentsJson } }),
                        },
                        logprobs = (object?)null,
                        finish_reason = "tool_calls",
                    },
                },
                usage = new { prompt_tokens = PromptTokens(request), completion_tokens = 10, total_tokens = PromptTokens(request) + 10 },
                system_fingerprint = "fp_fake",
            });
            return;
        }

        var content = Responder(request);
        var promptTokens = PromptTokens(request);
        var completionTokens = CompletionTokens(content);
        await context.Response.WriteAsJsonAsync(new
        {
            id = $"chatcmpl-fake{Guid.NewGuid():N}",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model = request.Model,
            choices = new[]
            {
                new
                {
                    index = 0,
                    message = new { role = "assistant", content, refusal = (string?)null },
                    logprobs = (object?)null,
                    finish_reason = "stop",
                },
            },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
            system_fingerprint = "fp_fake",
        });
    }

    /// <summary>The usage the fake reports for a request's prompt (about 4 characters a token).</summary>
    public static int PromptTokens(ChatRequest request) => Math.Max(1, request.Messages.Sum(m => m.Content.Length) / 4);

    /// <summary>The usage the fake reports for an answer.</summary>
    public static int CompletionTokens(string content) => Math.Max(1, content.Length / 4);

    private static ChatRequest? Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("messages", out var messages)) return null;
            var list = new List<ChatMessage>();
            foreach (var m in messages.EnumerateArray())
            {
                var role = m.TryGetProperty("role", out var r) ? r.GetString() ?? "" : "";
                list.Add(new ChatMessage(role, ContentText(m)));
            }
            string? format = null, schema = null;
            if (root.TryGetProperty("response_format", out var rf) && rf.ValueKind == JsonValueKind.Object)
            {
                format = rf.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (rf.TryGetProperty("json_schema", out var js) && js.TryGetProperty("name", out var n)) schema = n.GetString();
            }
            double? temperature = root.TryGetProperty("temperature", out var temp) && temp.ValueKind == JsonValueKind.Number ? temp.GetDouble() : null;
            var model = root.TryGetProperty("model", out var mo) ? mo.GetString() ?? "" : "";
            return new ChatRequest(model, list, format, schema, temperature, root);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Content is a string, or an array of parts ({"type":"text","text":...}) in newer SDKs.
    private static string ContentText(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var c)) return "";
        return c.ValueKind switch
        {
            JsonValueKind.String => c.GetString() ?? "",
            JsonValueKind.Array => string.Concat(c.EnumerateArray()
                .Where(p => p.TryGetProperty("text", out _))
                .Select(p => p.GetProperty("text").GetString())),
            _ => "",
        };
    }
}
