using System.Diagnostics;
using System.Diagnostics.Metrics;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies;
using AiSales.Core.Replies.Llm;
using AiSales.Tests.Ai.Chat;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSales.Tests.Ai.Replies;

/// <summary>
/// <see cref="ReplyEngine"/> with the production chat client against the OpenAI wire fake: the regeneration loop and the
/// token metrics, and a model that times out or keeps failing ending in the offline responder's reply, as before.
/// </summary>
public sealed class ReplyEngineOverTheWireTests : IAsyncLifetime
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly Guid _merchant = Guid.NewGuid();
    private FakeOpenAi _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeOpenAi.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        await _services.DisposeAsync();
    }

    private ReplyEngine Engine(IChatClient? client) =>
        new(client, new ReplyEngineOptions(), new AiMetrics(_services.GetRequiredService<IMeterFactory>()), NullLogger<ReplyEngine>.Instance);

    private ReplyContext Ctx(string text) => new(_merchant, "متجر الريم", new(), [], text, SampleCatalog.All, ChannelPlatform.Instagram);

    [Fact]
    public async Task An_invented_price_is_regenerated_and_tokens_are_recorded_per_merchant()
    {
        var answers = new Queue<string>([
            "{\"reply\":\"الجاكيت بـ 39,000 دينار\",\"intent\":\"price\",\"product_ids\":[],\"lead_signals\":[],\"handoff\":false,\"handoff_reason\":null,\"confidence\":0.9}",
            "{\"reply\":\"الجاكيت الجلد بـ 45,000 دينار\",\"intent\":\"price\",\"product_ids\":[\"" + SampleCatalog.Jacket.Id + "\"],\"lead_signals\":[\"price_asked\"],\"handoff\":false,\"handoff_reason\":null,\"confidence\":0.9}",
        ]);
        var sentAnswers = new List<string>();
        _fake.Responder = _ => { var a = answers.Dequeue(); sentAnswers.Add(a); return a; };
        long input = 0, output = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == AiMetrics.MeterName && i.Name.StartsWith("aisales.ai.tokens", StringComparison.Ordinal)) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            foreach (var t in tags)
                if (t.Key == "merchant.id" && (string?)t.Value == _merchant.ToString())
                {
                    if (i.Name == "aisales.ai.tokens.input") Interlocked.Add(ref input, v); else Interlocked.Add(ref output, v);
                }
        });
        listener.Start();

        var decision = await Engine(FakeOpenAiProviders.Client(_fake, AiProvider.OpenAi)).GenerateAsync(Ctx("شكد الجاكيت"), CancellationToken.None);

        Assert.Equal(ReplyPath.LlmRegenerated, decision.Path);
        Assert.Equal("الجاكيت الجلد بـ 45,000 دينار", decision.Text);
        var requests = _fake.ChatRequests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests.Sum(FakeOpenAi.PromptTokens), Interlocked.Read(ref input));
        Assert.Equal(sentAnswers.Sum(FakeOpenAi.CompletionTokens), Interlocked.Read(ref output));
        // The second request carries the rejected answer and the correction.
        Assert.Equal("assistant", requests[1].Messages[^2].Role);
        Assert.Contains("39,000", requests[1].Messages[^1].Content);
    }

    [Theory]
    [InlineData(AiProvider.OpenAiCompatible)]
    [InlineData(AiProvider.AzureOpenAi)]
    public async Task A_timed_out_model_falls_back_to_the_offline_reply(AiProvider provider)
    {
        _fake.FailNext(1, HangingAttempt.Fault);
        var client = FakeOpenAiProviders.Client(_fake, provider, timeout: TimeSpan.FromMilliseconds(500));
        var started = Stopwatch.GetTimestamp();

        var decision = await Engine(client).GenerateAsync(Ctx("شكد سعر الجاكيت؟"), CancellationToken.None);

        HangingAttempt.AssertCutShort(started);
        await AssertOfflineFallbackAsync(decision, "شكد سعر الجاكيت؟");
        // No second attempt. The fake records a request once it has read the whole body, so on a loaded machine the one
        // attempt can time out before it is recorded.
        Assert.InRange(_fake.Requests.Count, 0, 1);
    }

    [Fact]
    public async Task A_model_that_keeps_failing_falls_back_after_the_retries()
    {
        _fake.FailNext(5, FakeOpenAi.Error(429, "rate_limit_exceeded", "injected"));

        var decision = await Engine(FakeOpenAiProviders.Client(_fake, AiProvider.OpenAi, retries: 1))
            .GenerateAsync(Ctx("شكد سعر الجاكيت؟"), CancellationToken.None);

        await AssertOfflineFallbackAsync(decision, "شكد سعر الجاكيت؟");
        Assert.Contains("ClientResultException", decision.FailureReason);
        Assert.Equal(2, _fake.Requests.Count);
    }

    /// <summary>The fallback is exactly what the engine answers with no model at all.</summary>
    private async Task AssertOfflineFallbackAsync(ReplyDecision decision, string text)
    {
        Assert.Equal(ReplyPath.OfflineFallback, decision.Path);
        Assert.StartsWith("model call failed", decision.FailureReason);
        var offline = await Engine(null).GenerateAsync(Ctx(text), CancellationToken.None);
        Assert.Equal(offline.Text, decision.Text);
        Assert.Equal(offline.ProductIds, decision.ProductIds);
    }
}
