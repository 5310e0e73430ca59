using System.Diagnostics.Metrics;
using System.Text.Json;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies;
using AiSales.Core.Replies.Llm;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSales.Tests.Ai.Replies;

[Trait("Category", "Unit")]
public sealed class ReplyEngineTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<(string Path, string Merchant)> _paths = [];
    private readonly MeterListener _listener = new();
    private static readonly Guid Merchant = Guid.NewGuid();

    public ReplyEngineTests()
    {
        _listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == AiMetrics.MeterName && i.Name == "aisales.ai.replies") l.EnableMeasurementEvents(i); };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? path = null, merchant = null;
            foreach (var t in tags)
            {
                if (t.Key == "path") path = (string?)t.Value;
                if (t.Key == "merchant.id") merchant = (string?)t.Value;
            }
            lock (_paths) _paths.Add((path!, merchant!));
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private ReplyEngine Engine(IChatClient? client, double threshold = 0.35) =>
        new(client, new ReplyEngineOptions { HandoffConfidenceThreshold = threshold },
            new AiMetrics(_services.GetRequiredService<IMeterFactory>()), NullLogger<ReplyEngine>.Instance);

    private static ReplyContext Ctx(string text, ChannelPlatform platform = ChannelPlatform.Instagram, List<string>? keywords = null,
        IReadOnlyList<ConversationTurn>? recent = null) =>
        new(Merchant, "متجر الريم", new MerchantAiSettings { HandoffKeywords = keywords ?? [] },
            recent ?? [], text, SampleCatalog.All, platform);

    private static string Llm(string reply, IEnumerable<Guid>? ids = null, double confidence = 0.9, bool handoff = false, string? reason = null,
        string[]? signals = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["reply"] = reply,
            ["intent"] = "price",
            ["product_ids"] = (ids ?? []).Select(g => g.ToString()).ToArray(),
            ["lead_signals"] = signals ?? ["price_asked"],
            ["handoff"] = handoff,
            ["handoff_reason"] = reason,
            ["confidence"] = confidence,
        });

    [Fact]
    public async Task Valid_llm_reply_with_the_catalog_price_passes_the_guard()
    {
        var client = new ScriptedChatClient(ScriptedChatClient.Json(Llm("هلا بيك! الجاكيت الجلد سعره 45,000 دينار ومتوفر 👌", [SampleCatalog.Jacket.Id])));

        var decision = await Engine(client).GenerateAsync(Ctx("شگد سعر الجاكيت؟"), CancellationToken.None);

        Assert.Equal(ReplyPath.Llm, decision.Path);
        Assert.Equal([45_000L], PriceMentions.Extract(decision.Text));
        Assert.Equal([SampleCatalog.Jacket.Id], decision.ProductIds);
        Assert.Contains(LeadSignal.PriceAsked, decision.LeadSignals);
        Assert.False(decision.Handoff);
        Assert.Single(client.Calls);
        Assert.Contains(("llm", Merchant.ToString()), _paths);

        // The model saw the matched product with its price, and was asked for the structured schema.
        var system = client.Calls[0][0].Text;
        Assert.Contains(SampleCatalog.Jacket.Id.ToString(), system);
        Assert.Contains("45,000 IQD", system);
        Assert.DoesNotContain(SampleCatalog.Perfume.NameAr, system);
        var format = Assert.IsType<ChatResponseFormatJson>(client.Options[0]!.ResponseFormat);
        Assert.Equal(LlmReplyFormat.SchemaName, format.SchemaName);
    }

    [Fact]
    public async Task Price_named_by_product_name_alone_is_accepted_and_so_is_price_plus_delivery()
    {
        var client = new ScriptedChatClient(ScriptedChatClient.Json(Llm("عطر العود بـ 30,000 دينار، ويا التوصيل لبغداد يصير 35,000 دينار")));

        var decision = await Engine(client).GenerateAsync(Ctx("بيش العطر؟ وتوصلون بغداد؟"), CancellationToken.None);

        Assert.Equal(ReplyPath.Llm, decision.Path);
        Assert.Equal([SampleCatalog.Perfume.Id], decision.ProductIds);
    }

    [Fact]
    public async Task Invented_price_is_regenerated_once_and_the_corrected_reply_is_used()
    {
        var client = new ScriptedChatClient(
            ScriptedChatClient.Json(Llm("الجاكيت بس 39,000 دينار اليوم!", [SampleCatalog.Jacket.Id])),
            ScriptedChatClient.Json(Llm("الجاكيت الجلد سعره 45,000 دينار", [SampleCatalog.Jacket.Id])));

        var decision = await Engine(client).GenerateAsync(Ctx("شكد الجاكيت"), CancellationToken.None);

        Assert.Equal(ReplyPath.LlmRegenerated, decision.Path);
        Assert.Equal([45_000L], PriceMentions.Extract(decision.Text));
        Assert.Equal(2, client.Calls.Count);
        var correction = client.Calls[1][^1];
        Assert.Equal(ChatRole.User, correction.Role);
        Assert.Contains("39,000", correction.Text);
        Assert.Contains("45,000 IQD", correction.Text);
    }

    [Fact]
    public async Task Invented_price_twice_falls_back_to_the_offline_reply_with_the_real_price()
    {
        var client = new ScriptedChatClient(
            ScriptedChatClient.Json(Llm("الجاكيت بس 39,000 دينار!", [SampleCatalog.Jacket.Id])),
            ScriptedChatClient.Json(Llm("عرض خاص: الجاكيت 40 الف", [SampleCatalog.Jacket.Id])));

        var decision = await Engine(client).GenerateAsync(Ctx("شكد الجاكيت"), CancellationToken.None);

        Assert.Equal(ReplyPath.OfflineFallback, decision.Path);
        Assert.Equal([45_000L], PriceMentions.Extract(decision.Text));
        Assert.Equal(OfflineResponder.Respond(SampleCatalog.Ask("شكد الجاكيت")).Text, decision.Text);
        Assert.NotNull(decision.FailureReason);
        Assert.Contains(("offline_fallback", Merchant.ToString()), _paths);
    }

    [Fact]
    public void Real_price_of_a_product_the_reply_does_not_name_is_rejected()
    {
        // 25,000 is the watch's price, but the reply is about the jacket.
        var check = PriceGuard.Check("الجاكيت سعره 25,000 دينار", [], SampleCatalog.All, DeliveryOptions.Defaults);
        Assert.False(check.Passed);
        Assert.Equal([25_000L], check.Unexplained);
    }

    [Fact]
    public async Task Invented_product_id_counts_for_nothing()
    {
        var client = new ScriptedChatClient(
            ScriptedChatClient.Json(Llm("سعره 12,000 دينار", [Guid.NewGuid()])),
            ScriptedChatClient.Json(Llm("سعره 12,000 دينار", [Guid.NewGuid()])));

        var decision = await Engine(client).GenerateAsync(Ctx("شكد سعر الساعة"), CancellationToken.None);

        Assert.Equal(ReplyPath.OfflineFallback, decision.Path);
        Assert.Equal([25_000L], PriceMentions.Extract(decision.Text));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"reply\": 5}")]
    [InlineData("{\"intent\":\"price\"}")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task Bad_json_falls_back_to_the_offline_responder(string raw)
    {
        var client = new ScriptedChatClient(ScriptedChatClient.Json(raw));

        var decision = await Engine(client).GenerateAsync(Ctx("بيش الساعة"), CancellationToken.None);

        Assert.Equal(ReplyPath.OfflineFallback, decision.Path);
        Assert.Equal([25_000L], PriceMentions.Extract(decision.Text));
        Assert.Single(client.Calls); // bad JSON is not retried: the offline answer is already grounded
    }

    [Fact]
    public async Task Json_in_a_markdown_fence_is_accepted()
    {
        var client = new ScriptedChatClient(ScriptedChatClient.Json("```json\n" + Llm("الساعة 25,000 دينار", [SampleCatalog.Watch.Id]) + "\n```"));
        Assert.Equal(ReplyPath.Llm, (await Engine(client).GenerateAsync(Ctx("بيش الساعة"), CancellationToken.None)).Path);
    }

    [Fact]
    public async Task Model_exception_or_timeout_falls_back_to_offline()
    {
        var timeout = new ScriptedChatClient(ScriptedChatClient.Throws(new TaskCanceledException("network timeout")));
        var decision = await Engine(timeout).GenerateAsync(Ctx("بيش الساعة"), CancellationToken.None);
        Assert.Equal(ReplyPath.OfflineFallback, decision.Path);
        Assert.Contains("TaskCanceledException", decision.FailureReason);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_swallowed()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var client = new ScriptedChatClient(ScriptedChatClient.Throws(new OperationCanceledException(cts.Token)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Engine(client).GenerateAsync(Ctx("بيش الساعة"), cts.Token));
    }

    [Theory]
    [InlineData("اريد احچي ويه موظف", HandoffReason.WantsHuman)]
    [InlineData("الطلب ما وصل لحد الآن، تأخر هواية", HandoffReason.Complaint)]
    public async Task Customer_asking_for_a_person_or_complaining_hands_off_without_calling_the_model(string text, string reason)
    {
        var client = new ScriptedChatClient();

        var decision = await Engine(client).GenerateAsync(Ctx(text), CancellationToken.None);

        Assert.True(decision.Handoff);
        Assert.Equal(ReplyPath.Handoff, decision.Path);
        Assert.Equal(reason, decision.HandoffReason);
        Assert.Empty(client.Calls);
        Assert.False(string.IsNullOrWhiteSpace(decision.Text));
    }

    [Fact]
    public async Task Merchant_handoff_keyword_hands_off()
    {
        var client = new ScriptedChatClient();
        var decision = await Engine(client).GenerateAsync(Ctx("عدكم جملة؟ اريد اشتري بالجملة", keywords: ["جملة"]), CancellationToken.None);
        Assert.True(decision.Handoff);
        Assert.Equal(HandoffRules.KeywordReason, decision.HandoffReason);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public async Task Low_confidence_or_model_requested_handoff_goes_to_a_person()
    {
        var low = new ScriptedChatClient(ScriptedChatClient.Json(Llm("ممكن توضحلي شنو تقصد؟", confidence: 0.2)));
        var lowDecision = await Engine(low).GenerateAsync(Ctx("عدكم شي حلو؟"), CancellationToken.None);
        Assert.True(lowDecision.Handoff);
        Assert.Equal(HandoffRules.LowConfidenceReason, lowDecision.HandoffReason);
        Assert.Equal(ReplyPath.Handoff, lowDecision.Path);

        var asked = new ScriptedChatClient(ScriptedChatClient.Json(Llm("راح احولك لزميلي", handoff: true, reason: "custom_order")));
        var askedDecision = await Engine(asked).GenerateAsync(Ctx("تسوون تفصيل؟"), CancellationToken.None);
        Assert.True(askedDecision.Handoff);
        Assert.Equal("custom_order", askedDecision.HandoffReason);

        var ok = new ScriptedChatClient(ScriptedChatClient.Json(Llm("هلا بيك 🌷", confidence: 0.5)));
        Assert.False((await Engine(ok).GenerateAsync(Ctx("هلو"), CancellationToken.None)).Handoff);
    }

    [Theory]
    [InlineData(ChannelPlatform.Instagram, 1000)]
    [InlineData(ChannelPlatform.Messenger, 2000)]
    [InlineData(ChannelPlatform.WhatsApp, 4096)]
    public async Task Long_replies_are_trimmed_at_a_sentence_boundary(ChannelPlatform platform, int limit)
    {
        var sentence = "الجاكيت الجلد خامة ممتازة ومريح كلش بالشتاء. ";
        var longText = string.Concat(Enumerable.Repeat(sentence, 5000 / sentence.Length + 1));
        var client = new ScriptedChatClient(ScriptedChatClient.Json(Llm(longText, [SampleCatalog.Jacket.Id])));

        var decision = await Engine(client).GenerateAsync(Ctx("احچيلي عن الجاكيت", platform), CancellationToken.None);

        Assert.True(decision.Text.Length <= limit, $"{decision.Text.Length} > {limit}");
        Assert.True(decision.Text.Length > limit - sentence.Length);
        Assert.EndsWith(".", decision.Text);
    }

    [Fact]
    public void Trim_without_sentence_end_cuts_at_a_word_and_marks_it()
    {
        var text = string.Join(' ', Enumerable.Repeat("كلمة", 400));
        var trimmed = ReplyLength.Trim(text, 1000);
        Assert.True(trimmed.Length <= 1000);
        Assert.EndsWith("كلمة…", trimmed);
    }

    [Fact]
    public async Task Offline_provider_uses_the_offline_responder()
    {
        var decision = await Engine(null).GenerateAsync(Ctx("شگد سعر الجاكيت؟"), CancellationToken.None);
        Assert.Equal(ReplyPath.Offline, decision.Path);
        Assert.Equal(OfflineResponder.Respond(SampleCatalog.Ask("شگد سعر الجاكيت؟")).Text, decision.Text);
        Assert.Contains(("offline", Merchant.ToString()), _paths);
    }

    [Fact]
    public async Task Model_sees_recent_conversation_and_unknown_lead_signals_are_dropped()
    {
        var client = new ScriptedChatClient(ScriptedChatClient.Json(Llm("الجاكيت بـ 45,000 دينار", [SampleCatalog.Jacket.Id], signals: ["price_asked", "very_rich_customer"])));
        var recent = new List<ConversationTurn> { new(MessageAuthor.Customer, "عدكم جاكيت جلد؟"), new(MessageAuthor.Ai, "اي اكو 👌") };

        var decision = await Engine(client).GenerateAsync(Ctx("شكد سعره؟ 07701234567", recent: recent), CancellationToken.None);

        Assert.Equal(ReplyPath.Llm, decision.Path);
        Assert.DoesNotContain("very_rich_customer", decision.LeadSignals);
        Assert.Contains(LeadSignal.PhoneGiven, decision.LeadSignals);
        var roles = client.Calls[0].Select(m => m.Role).ToList();
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], roles);
        // "how much is it?" resolved through the earlier customer message.
        Assert.Contains(SampleCatalog.Jacket.Id.ToString(), client.Calls[0][0].Text);
    }
}
