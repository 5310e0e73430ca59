using System.ClientModel;
using System.ClientModel.Primitives;
using AiSales.Tests.Fakes;
using OpenAI;
using OpenAI.Chat;

namespace AiSales.Tests.Channels;

/// <summary>The OpenAI SDK talks to the fake: proves the fake speaks the real wire format.</summary>
public class FakeOpenAiTests : IAsyncLifetime
{
    private FakeOpenAi _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeOpenAi.StartNewAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private ChatClient Client() => new("gpt-4o-mini", new ApiKeyCredential("sk-test-key"), new OpenAIClientOptions
    {
        Endpoint = new Uri(_fake.BaseAddress, "v1"),
        RetryPolicy = new ClientRetryPolicy(0),
    });

    [Fact]
    public async Task Json_mode_reply_comes_from_the_responder_with_usage()
    {
        _fake.Responder = request => $$"""{"reply":"echo: {{request.LastUserMessage}}","format":"{{request.ResponseFormat}}"}""";

        var completion = (await Client().CompleteChatAsync(
            [new SystemChatMessage("You are a sales assistant."), new UserChatMessage("بكم القميص؟")],
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(), Temperature = 0.2f })).Value;

        Assert.Equal("""{"reply":"echo: بكم القميص؟","format":"json_object"}""", completion.Content[0].Text);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        var request = Assert.Single(_fake.ChatRequests);
        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("/v1/chat/completions", Assert.Single(_fake.Requests).Path);
        Assert.Equal("sk-test-key", _fake.Requests[0].BearerToken);
    }

    [Fact]
    public async Task Structured_output_schema_name_is_recorded()
    {
        var schema = BinaryData.FromString("""{"type":"object","properties":{"reply":{"type":"string"}},"required":["reply"],"additionalProperties":false}""");
        var completion = (await Client().CompleteChatAsync(
            [new UserChatMessage("hi")],
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("sales_reply", schema, jsonSchemaIsStrict: true) })).Value;

        Assert.Equal(FakeOpenAi.DefaultReply, completion.Content[0].Text);
        var request = Assert.Single(_fake.ChatRequests);
        Assert.Equal("json_schema", request.ResponseFormat);
        Assert.Equal("sales_reply", request.JsonSchemaName);
    }

    [Fact]
    public async Task Azure_route_needs_the_api_version_and_the_api_key_header()
    {
        using var http = new HttpClient { BaseAddress = _fake.BaseAddress };
        var path = FakeOpenAi.AzurePath("sales-gpt").TrimStart('/');
        HttpRequestMessage Post(string query, string? apiKey)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path + query)
            {
                Content = new StringContent("""{"messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
            };
            if (apiKey is not null) request.Headers.Add(RecordedRequest.ApiKeyHeader, apiKey);
            return request;
        }

        Assert.Equal(404, (int)(await http.SendAsync(Post("", "azure-key"))).StatusCode);
        Assert.Equal(401, (int)(await http.SendAsync(Post("?api-version=2024-10-21", null))).StatusCode);
        Assert.Equal(200, (int)(await http.SendAsync(Post("?api-version=2024-10-21", "azure-key"))).StatusCode);

        Assert.Equal("azure-key", _fake.Requests[^1].ApiKey);
        Assert.Equal("***", _fake.Requests[^1].Headers[RecordedRequest.ApiKeyHeader]);
    }

    [Theory]
    [InlineData(429, "rate_limit_exceeded")]
    [InlineData(500, "server_error")]
    public async Task Injected_errors_reach_the_client(int status, string type)
    {
        _fake.FailNext(1, FakeOpenAi.Error(status, type, "injected"));

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => Client().CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(status, ex.Status);
        var ok = await Client().CompleteChatAsync([new UserChatMessage("again")]);
        Assert.Equal(FakeOpenAi.DefaultReply, ok.Value.Content[0].Text);
    }
}
