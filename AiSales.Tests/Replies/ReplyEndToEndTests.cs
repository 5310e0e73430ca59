using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Sending;
using Xunit;

namespace AiSales.Tests.Replies;

/// <summary>GenerateReply through the real Worker: one reply per burst, silence after a human, the price guard, hand-off.</summary>
public sealed class ReplyEndToEndTests
{
    private static async Task<EndToEndHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var host = new EndToEndHost(settings);
        await host.InitializeAsync();
        return host;
    }

    private static Task StopAsync(EndToEndHost host) => ((Xunit.IAsyncLifetime)host).DisposeAsync();

    [Fact]
    public async Task A_burst_of_three_customer_messages_gets_one_reply_call()
    {
        var host = await StartAsync(new() { ["Pipeline:DefaultDebounceSeconds"] = "3" });
        try
        {
            await host.ExecAsync("UPDATE merchants SET ai_settings = jsonb_set(ai_settings, '{debounce_seconds}', '3')");
            var now = DateTimeOffset.UtcNow;
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.b1", "7001", "هلو", now));
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.b2", "7001", "عدكم قميص؟", now.AddMilliseconds(300)));
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.b3", "7001", "شكد سعره", now.AddMilliseconds(600)));

            await Eventually.UntilAsync(async () => (await host.OutboundAsync()).Any(r => (string)r["state"]! == "sent"), "reply sent");
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            var request = Assert.Single(host.Graph.Requests);
            Assert.Single(await host.OutboundAsync());
            Assert.Contains("25", request.Json!.Value.GetProperty("message").GetProperty("text").GetString());
            Assert.Equal(1L, await host.ScalarAsync<long>("SELECT count(*) FROM lead_activities WHERE kind = 'note' AND to_value = 'offline'"));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_human_echo_silences_the_ai()
    {
        var host = await StartAsync();
        try
        {
            await host.ExecAsync("UPDATE merchants SET ai_settings = jsonb_set(ai_settings, '{debounce_seconds}', '3')");
            var now = DateTimeOffset.UtcNow;
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.h1", "7002", "شكد سعر القميص", now));
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgEcho("mid.h2", "7002", "هلا عيني، هسه اجاوبك", now.AddMilliseconds(500)));

            // The GenerateReply job runs (and drops) once the debounce passes.
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            Assert.Empty(host.Graph.Requests);
            Assert.Empty(await host.OutboundAsync());
            Assert.Equal("human", await host.ScalarAsync<string>("SELECT owner FROM conversations"));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task An_invented_price_from_the_model_is_caught_and_only_the_catalog_price_is_sent()
    {
        await using var openAi = await FakeOpenAi.StartNewAsync();
        var calls = 0;
        openAi.Responder = request =>
        {
            return Interlocked.Increment(ref calls) == 1
                ? """{"reply":"القميص سعره 99,000 دينار","intent":"price","product_ids":[],"lead_signals":["price_asked"],"handoff":false,"handoff_reason":null,"confidence":0.9}"""
                : """{"reply":"القميص سعره 25,000 دينار","intent":"price","product_ids":[],"lead_signals":["price_asked"],"handoff":false,"handoff_reason":null,"confidence":0.9}""";
        };
        var host = await StartAsync(new()
        {
            ["Ai:Provider"] = "openai-compatible",
            ["Ai:Endpoint"] = openAi.BaseUrl + "/v1/",
            ["Ai:ApiKey"] = "test-key",
            ["Ai:MaxRetries"] = "0",
        });
        try
        {
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.p1", "7003", "شكد سعر القميص", DateTimeOffset.UtcNow));
            await Eventually.UntilAsync(async () => (await host.OutboundAsync()).Any(r => (string)r["state"]! == "sent"), "reply sent");
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            Assert.True(openAi.ChatRequests.Count >= 1);
            var text = Assert.Single(host.Graph.Requests).Json!.Value.GetProperty("message").GetProperty("text").GetString()!;
            Assert.DoesNotContain("99", text);
            Assert.Contains("25", text);
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task Asking_for_a_person_sends_the_holding_message_and_hands_the_conversation_over()
    {
        var host = await StartAsync();
        try
        {
            await host.DeliverAsync(ChannelPlatform.Messenger, EndToEndHost.MessengerText("mid.x1", "7004", "اريد احچي ويه موظف", DateTimeOffset.UtcNow));
            await Eventually.UntilAsync(async () => (await host.OutboundAsync()).Any(r => (string)r["state"]! == "sent"), "holding reply sent");
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            Assert.Single(host.Graph.Requests);
            var conv = (await host.RowsAsync("SELECT owner, needs_attention, attention_reason FROM conversations"))[0];
            Assert.Equal("human", conv["owner"]);
            Assert.Equal(true, conv["needs_attention"]);
            Assert.Equal("wants_human", conv["attention_reason"]);
            Assert.Equal(1L, await host.ScalarAsync<long>("SELECT count(*) FROM lead_activities WHERE kind = 'handoff'"));
        }
        finally
        {
            await StopAsync(host);
        }
    }
}
