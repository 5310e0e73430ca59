using System.ClientModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using AiSales.Core.Replies;
using AiSales.Core.Replies.Llm;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.AI;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace AiSales.Tests.Ai.Chat;

/// <summary>
/// The production <see cref="IChatClient"/> of each provider against the OpenAI wire fake: what goes on the wire (path,
/// key header, api-version, model or deployment, messages, temperature, max tokens, response format), what comes back
/// (text, usage, finish reason, provider metadata), retries and the trace it leaves.
/// </summary>
public sealed class ChatClientWireTests : IAsyncLifetime
{
    private FakeOpenAi _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeOpenAi.StartNewAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static readonly List<ChatMessage> Conversation =
    [
        new(ChatRole.System, "You are the sales assistant."),
        new(ChatRole.User, "شكد سعر الجاكيت؟"),
        new(ChatRole.Assistant, "{\"reply\":\"45,000\"}"),
        new(ChatRole.User, "زين"),
    ];

    private static ChatOptions ReplyOptions(bool jsonSchema = true) => new()
    {
        Temperature = 0.3f, MaxOutputTokens = 600, ResponseFormat = LlmReplyFormat.ResponseFormat(jsonSchema),
    };

    [Theory]
    [InlineData(AiProvider.OpenAi)]
    [InlineData(AiProvider.OpenAiCompatible)]
    [InlineData(AiProvider.AzureOpenAi)]
    public async Task Each_provider_sends_its_wire_shape_and_maps_the_completion_back(AiProvider provider)
    {
        _fake.Responder = _ => "{\"reply\":\"هلا بيك\"}";
        using var client = FakeOpenAiProviders.Client(_fake, provider);

        var response = await client.GetResponseAsync(Conversation, ReplyOptions());

        Assert.Equal("{\"reply\":\"هلا بيك\"}", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var sentRequest = Assert.Single(_fake.ChatRequests);
        Assert.Equal(FakeOpenAi.PromptTokens(sentRequest), response.Usage!.InputTokenCount);
        Assert.Equal(FakeOpenAi.CompletionTokens(response.Text), response.Usage.OutputTokenCount);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        var metadata = client.GetService<ChatClientMetadata>()!;
        Assert.Equal(AiProviderSelector.Name(provider), metadata.ProviderName);

        var http = Assert.Single(_fake.Requests);
        Assert.Equal(FakeOpenAiProviders.ExpectedPath(provider), http.Path);
        if (provider == AiProvider.AzureOpenAi)
        {
            Assert.Equal(FakeOpenAiProviders.Key, http.ApiKey);
            Assert.Null(http.BearerToken);
            Assert.Contains("api-version=", http.Query);
        }
        else
        {
            Assert.Equal(FakeOpenAiProviders.Key, http.BearerToken);
            Assert.Null(http.ApiKey);
            Assert.Equal(FakeOpenAiProviders.Model, sentRequest.Model);
        }

        Assert.Equal(["system", "user", "assistant", "user"], sentRequest.Messages.Select(m => m.Role));
        Assert.Equal("شكد سعر الجاكيت؟", sentRequest.Messages[1].Content);
        Assert.Equal(0.3, sentRequest.Temperature!.Value, 3);
        Assert.Equal(600, sentRequest.Raw.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("json_schema", sentRequest.ResponseFormat);
        Assert.Equal(LlmReplyFormat.SchemaName, sentRequest.JsonSchemaName);
        var jsonSchema = sentRequest.Raw.GetProperty("response_format").GetProperty("json_schema");
        Assert.True(jsonSchema.GetProperty("strict").GetBoolean());
        // The adapter's strict-mode schema transform leaves our (already strict-compatible) schema as written.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(LlmReplyFormat.Schema.GetRawText()), JsonNode.Parse(jsonSchema.GetProperty("schema").GetRawText())));
    }

    [Theory]
    [InlineData(AiProvider.OpenAiCompatible)]
    [InlineData(AiProvider.AzureOpenAi)]
    public async Task Json_object_mode_is_sent_for_servers_without_schema_support(AiProvider provider)
    {
        using var client = FakeOpenAiProviders.Client(_fake, provider);

        await client.GetResponseAsync(Conversation, ReplyOptions(jsonSchema: false));

        var sent = Assert.Single(_fake.ChatRequests);
        Assert.Equal("json_object", sent.ResponseFormat);
        Assert.Null(sent.JsonSchemaName);
    }

    [Fact]
    public async Task A_keyless_compatible_server_gets_a_placeholder_key()
    {
        using var client = FakeOpenAiProviders.Client(_fake, AiProvider.OpenAiCompatible, key: null);

        var response = await client.GetResponseAsync(Conversation, ReplyOptions());

        Assert.Equal(FakeOpenAi.DefaultReply, response.Text);
        Assert.False(string.IsNullOrEmpty(Assert.Single(_fake.Requests).BearerToken));
    }

    [Theory]
    [InlineData(AiProvider.OpenAiCompatible, 429, "rate_limit_exceeded")]
    [InlineData(AiProvider.OpenAiCompatible, 500, "server_error")]
    [InlineData(AiProvider.AzureOpenAi, 503, "server_error")]
    public async Task Transient_errors_are_retried_up_to_the_configured_count(AiProvider provider, int status, string type)
    {
        _fake.FailNext(2, FakeOpenAi.Error(status, type, "injected"));
        using var client = FakeOpenAiProviders.Client(_fake, provider, retries: 2);

        var response = await client.GetResponseAsync(Conversation, ReplyOptions());

        Assert.Equal(FakeOpenAi.DefaultReply, response.Text);
        Assert.Equal(3, _fake.Requests.Count);
        Assert.All(_fake.Requests, r => Assert.Equal(FakeOpenAiProviders.ExpectedPath(provider), r.Path));
    }

    [Theory]
    [InlineData(AiProvider.OpenAi)]
    [InlineData(AiProvider.AzureOpenAi)]
    public async Task When_the_retries_are_spent_the_error_surfaces(AiProvider provider)
    {
        _fake.FailNext(5, FakeOpenAi.Error(500, "server_error", "injected"));
        using var client = FakeOpenAiProviders.Client(_fake, provider, retries: 1);

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync(Conversation, ReplyOptions()));

        Assert.Equal(500, ex.Status);
        Assert.Equal(2, _fake.Requests.Count);
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_the_next_attempt_answers()
    {
        _fake.FailNext(1, HangingAttempt.Fault);
        using var client = FakeOpenAiProviders.Client(_fake, AiProvider.OpenAiCompatible, timeout: TimeSpan.FromMilliseconds(500), retries: 1);
        var started = Stopwatch.GetTimestamp();

        var response = await client.GetResponseAsync(Conversation, ReplyOptions());

        Assert.Equal(FakeOpenAi.DefaultReply, response.Text);
        // The answer came from the second attempt (the first hangs for minutes); the first is recorded only if the fake
        // read its whole body before the timeout, which a loaded machine does not promise.
        Assert.InRange(_fake.Requests.Count, 1, 2);
        HangingAttempt.AssertCutShort(started);
    }

    [Fact]
    public async Task A_server_that_stays_slow_fails_after_one_timeout_per_attempt()
    {
        _fake.FailNext(5, HangingAttempt.Fault);
        using var client = FakeOpenAiProviders.Client(_fake, AiProvider.AzureOpenAi, timeout: TimeSpan.FromMilliseconds(500), retries: 1);
        var started = Stopwatch.GetTimestamp();

        // The retry policy reports every timed-out attempt.
        var ex = await Assert.ThrowsAsync<AggregateException>(() => client.GetResponseAsync(Conversation, ReplyOptions()));

        Assert.Equal(2, ex.InnerExceptions.Count);
        Assert.All(ex.InnerExceptions, e => Assert.IsType<TaskCanceledException>(e));
        // Two attempts, proven above. The fake records a request only once it has read the whole body, so on a loaded
        // machine an attempt can time out before it is recorded: never more than one request per attempt, at least one.
        Assert.InRange(_fake.Requests.Count, 1, 2);
        HangingAttempt.AssertCutShort(started);
    }

    [Fact]
    public async Task The_call_is_a_gen_ai_span_under_our_source_without_message_text()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AiMetrics.MeterName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = FakeOpenAiProviders.Client(_fake, AiProvider.AzureOpenAi);

        await client.GetResponseAsync(Conversation, ReplyOptions());

        Activity span;
        lock (spans) span = Assert.Single(spans, a => Equals(a.GetTagItem("server.port"), _fake.BaseAddress.Port));
        Assert.Equal("azure-openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(FakeOpenAiProviders.AzureDeployment, span.GetTagItem("gen_ai.request.model"));
        Assert.NotNull(span.GetTagItem("gen_ai.usage.input_tokens"));
        var everything = string.Join("\n", span.TagObjects.Select(t => $"{t.Key}={t.Value}").Concat(span.Events.Select(e => e.Name)));
        Assert.DoesNotContain("الجاكيت", everything);
        Assert.DoesNotContain("sales assistant", everything);
    }
}
