using System.Text.Json;
using System.Text.Json.Nodes;
using AiSales.Core.Ai.Chat;
using AiSales.Core.Ai.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiSales.Tests.Ai.Replies;

/// <summary>
/// The adapter against a local Kestrel endpoint speaking the chat-completions wire format: proves what the SDK puts
/// on the wire (model, messages, response_format, auth) and how the response maps back (text, usage, finish reason).
/// </summary>
public sealed class OpenAiChatClientTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private readonly List<JsonNode> _requests = [];
    private readonly List<string?> _auth = [];
    private Func<HttpContext, Task>? _respond;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body);
            lock (_requests)
            {
                _requests.Add(body!);
                _auth.Add(http.Request.Headers.Authorization);
            }
            if (_respond is not null)
            {
                await _respond(http);
                return;
            }
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(Completion("{\"reply\":\"هلا بيك\"}", "stop"));
        });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Completion(string content, string finish) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-AbC123",
        @object = "chat.completion",
        created = 1735689600,
        model = "gpt-4o-mini-2024-07-18",
        choices = new[] { new { index = 0, message = new { role = "assistant", content, refusal = (string?)null }, logprobs = (object?)null, finish_reason = finish } },
        usage = new { prompt_tokens = 321, completion_tokens = 45, total_tokens = 366 },
        system_fingerprint = "fp_test",
    });

    private OpenAiChatClient Client(TimeSpan? timeout = null, int retries = 0) => OpenAiChatClient.Create(
        new AiOptions { Endpoint = BaseUrl, ApiKey = "sk-test-key", Model = "gpt-4o-mini", Timeout = timeout ?? TimeSpan.FromSeconds(30), MaxRetries = retries },
        AiProvider.OpenAiCompatible);

    [Fact]
    public async Task Sends_model_messages_and_json_schema_and_maps_the_completion_back()
    {
        using var client = Client();
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are the sales assistant."),
            new(ChatRole.User, "شكد سعر الجاكيت؟"),
            new(ChatRole.Assistant, "{\"reply\":\"45,000\"}"),
            new(ChatRole.User, "زين"),
        ];

        var response = await client.GetResponseAsync(messages, new ChatOptions
        {
            Temperature = 0.3f, MaxOutputTokens = 600, ResponseFormat = LlmReplyFormat.ResponseFormat(jsonSchema: true),
        });

        Assert.Equal("{\"reply\":\"هلا بيك\"}", response.Text);
        Assert.Equal(321, response.Usage!.InputTokenCount);
        Assert.Equal(45, response.Usage.OutputTokenCount);
        Assert.Equal(366, response.Usage.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("chatcmpl-AbC123", response.ResponseId);
        Assert.Equal("gpt-4o-mini-2024-07-18", response.ModelId);

        var sent = Assert.Single(_requests);
        Assert.Equal("Bearer sk-test-key", _auth[0]);
        Assert.Equal("gpt-4o-mini", (string?)sent["model"]);
        var sentMessages = sent["messages"]!.AsArray();
        Assert.Equal(new[] { "system", "user", "assistant", "user" }, sentMessages.Select(m => (string)m!["role"]!).ToArray());
        Assert.Equal("شكد سعر الجاكيت؟", sentMessages[1]!["content"]!.GetValueKind() == JsonValueKind.String
            ? (string?)sentMessages[1]!["content"]
            : (string?)sentMessages[1]!["content"]![0]!["text"]);
        Assert.Equal(0.3, (double)sent["temperature"]!, 3);
        var format = sent["response_format"]!;
        Assert.Equal("json_schema", (string?)format["type"]);
        Assert.Equal(LlmReplyFormat.SchemaName, (string?)format["json_schema"]!["name"]);
        Assert.True((bool)format["json_schema"]!["strict"]!);
        Assert.Contains("handoff_reason", format["json_schema"]!["schema"]!["required"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task Engine_over_the_wire_regenerates_an_invented_price_and_records_tokens_per_merchant()
    {
        var answers = new Queue<string>([
            "{\"reply\":\"الجاكيت بـ 39,000 دينار\",\"intent\":\"price\",\"product_ids\":[],\"lead_signals\":[],\"handoff\":false,\"handoff_reason\":null,\"confidence\":0.9}",
            "{\"reply\":\"الجاكيت الجلد بـ 45,000 دينار\",\"intent\":\"price\",\"product_ids\":[\"" + SampleCatalog.Jacket.Id + "\"],\"lead_signals\":[\"price_asked\"],\"handoff\":false,\"handoff_reason\":null,\"confidence\":0.9}",
        ]);
        _respond = http => { http.Response.ContentType = "application/json"; return http.Response.WriteAsync(Completion(answers.Dequeue(), "stop")); };
        var merchant = Guid.NewGuid();
        long input = 0, output = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == AiMetrics.MeterName && i.Name.StartsWith("aisales.ai.tokens", StringComparison.Ordinal)) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            foreach (var t in tags)
                if (t.Key == "merchant.id" && (string?)t.Value == merchant.ToString())
                {
                    if (i.Name == "aisales.ai.tokens.input") Interlocked.Add(ref input, v); else Interlocked.Add(ref output, v);
                }
        });
        listener.Start();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var engine = new ReplyEngine(Client(), new ReplyEngineOptions(), new AiMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ReplyEngine>.Instance);

        var decision = await engine.GenerateAsync(new ReplyContext(merchant, "متجر الريم", new(), [], "شكد الجاكيت", SampleCatalog.All,
            Core.Persistence.Entities.ChannelPlatform.Instagram), CancellationToken.None);

        Assert.Equal(ReplyPath.LlmRegenerated, decision.Path);
        Assert.Equal("الجاكيت الجلد بـ 45,000 دينار", decision.Text);
        Assert.Equal(2, _requests.Count);
        Assert.Equal(2 * 321, Interlocked.Read(ref input));
        Assert.Equal(2 * 45, Interlocked.Read(ref output));
        // The second request carries the rejected answer and the correction.
        var second = _requests[1]["messages"]!.AsArray();
        Assert.Equal("assistant", (string?)second[^2]!["role"]);
        Assert.Contains("39,000", second[^1]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task Json_object_mode_and_length_finish_reason()
    {
        _respond = http => { http.Response.ContentType = "application/json"; return http.Response.WriteAsync(Completion("{\"reply\":\"ok\"", "length")); };
        using var client = Client();

        var response = await client.GetResponseAsync([new(ChatRole.User, "hi")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("json_object", (string?)Assert.Single(_requests)["response_format"]!["type"]);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_surface_as_an_exception()
    {
        _respond = http =>
        {
            http.Response.StatusCode = 500;
            http.Response.ContentType = "application/json";
            return http.Response.WriteAsync("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}");
        };
        using var client = Client(retries: 1);

        await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => client.GetResponseAsync([new(ChatRole.User, "hi")]));
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task A_slow_server_hits_the_network_timeout()
    {
        _respond = async http => await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
        using var client = Client(timeout: TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync([new(ChatRole.User, "hi")]));
    }
}
