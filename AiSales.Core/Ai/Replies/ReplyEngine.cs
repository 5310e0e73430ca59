using System.Diagnostics;
using AiSales.Core.Ai.Chat;
using AiSales.Core.Ai.Offline;
using AiSales.Core.Leads;
using AiSales.Core.Persistence;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiSales.Core.Ai.Replies;

/// <summary>
/// Produces one reply for a burst of customer messages. The offline responder always runs first (pure and
/// instant): it supplies the deterministic lead signals, the hand-off text, and the fallback. Then:
/// 1. customer asks for a person / complains / a merchant hand-off keyword → hand off without calling the model;
/// 2. no model configured → the offline reply;
/// 3. model: structured JSON → price guard → (one corrective regeneration) → offline fallback;
///    model failure of any kind (error, timeout, bad JSON) → offline fallback;
/// 4. model asks for hand-off or reports confidence below the threshold → hand off.
/// Every text is fitted to the platform's length limit. Logs never contain message text at Information level.
/// </summary>
public sealed class ReplyEngine(
    IChatClient? chatClient,
    ReplyEngineOptions options,
    AiMetrics metrics,
    ILogger<ReplyEngine> logger)
{
    private static readonly HashSet<string> KnownSignals =
    [
        LeadSignal.Greeting, LeadSignal.PriceAsked, LeadSignal.AvailabilityAsked, LeadSignal.VariantAsked,
        LeadSignal.DeliveryAsked, LeadSignal.OrderIntent, LeadSignal.Governorate, LeadSignal.PhoneGiven,
        LeadSignal.Complaint, LeadSignal.WantsHuman, LeadSignal.Thanks, LeadSignal.ProductMatched,
        LeadSignal.OutOfStock, LeadCues.NotInterested,
    ];

    public bool UsesModel => chatClient is not null;

    public async Task<ReplyDecision> GenerateAsync(ReplyContext ctx, CancellationToken ct)
    {
        var limit = ReplyLength.Limit(ctx.Platform);
        var delivery = ctx.Delivery ?? DeliveryOptions.Defaults;
        var offline = OfflineResponder.Respond(new OfflineRequest(
            ctx.CustomerText, ctx.Catalog, ctx.MerchantName,
            ctx.LastProductId is null ? null : new ConversationContext(ctx.LastProductId), delivery, Tone(ctx)));
        var baseSignals = offline.LeadSignals.Concat(LeadCues.Detect(ctx.CustomerText)).Distinct().ToList();

        var keyword = HandoffRules.MatchKeyword(ctx.CustomerText, ctx.Settings.HandoffKeywords);
        if (offline.HandoffReason is HandoffReason.WantsHuman or HandoffReason.Complaint || keyword is not null)
        {
            return Finish(ctx, FromOffline(offline, baseSignals, limit, ReplyPath.Handoff,
                handoffReason: offline.HandoffReason is HandoffReason.WantsHuman or HandoffReason.Complaint ? offline.HandoffReason : HandoffRules.KeywordReason,
                failure: null));
        }

        if (chatClient is null)
            return Finish(ctx, FromOffline(offline, baseSignals, limit, offline.Handoff ? ReplyPath.Handoff : ReplyPath.Offline, offline.HandoffReason, null));

        var products = PromptBuilder.SelectProducts(ctx);
        var messages = PromptBuilder.Build(ctx, products, limit);
        string failure;
        try
        {
            var (first, error1) = await AskAsync(ctx, messages, ct);
            if (first is null)
            {
                failure = error1!;
            }
            else
            {
                var check = PriceGuard.Check(first.Value.Reply, first.Value.ProductIds, ctx.Catalog, delivery);
                if (check.Passed)
                    return Finish(ctx, FromModel(ctx, first, check, baseSignals, limit, ReplyPath.Llm));

                logger.LogWarning("Price guard rejected the model reply for merchant {MerchantId}: {Count} unexplained amount(s); regenerating",
                    ctx.MerchantId, check.Unexplained.Count);
                messages.Add(new ChatMessage(ChatRole.Assistant, first.Raw));
                messages.Add(PromptBuilder.PriceCorrection(check.Unexplained, products));

                var (second, error2) = await AskAsync(ctx, messages, ct);
                if (second is null)
                {
                    failure = error2!;
                }
                else
                {
                    var recheck = PriceGuard.Check(second.Value.Reply, second.Value.ProductIds, ctx.Catalog, delivery);
                    if (recheck.Passed)
                        return Finish(ctx, FromModel(ctx, second, recheck, baseSignals, limit, ReplyPath.LlmRegenerated));
                    failure = "price guard rejected the regenerated reply";
                }
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Timeouts surface as TaskCanceledException without our token cancelled; HTTP errors as ClientResultException.
            failure = "model call failed: " + ex.GetType().Name;
            logger.LogWarning(ex, "Model call failed for merchant {MerchantId}; using the offline responder", ctx.MerchantId);
        }

        logger.LogInformation("Offline fallback for merchant {MerchantId}: {Failure}", ctx.MerchantId, failure);
        return Finish(ctx, FromOffline(offline, baseSignals, limit,
            offline.Handoff ? ReplyPath.Handoff : ReplyPath.OfflineFallback, offline.HandoffReason, failure));
    }

    private async Task<(ParsedReply? Reply, string? Error)> AskAsync(ReplyContext ctx, List<ChatMessage> messages, CancellationToken ct)
    {
        var chatOptions = new ChatOptions
        {
            Temperature = options.Temperature,
            MaxOutputTokens = options.MaxOutputTokens,
            ResponseFormat = LlmReplyFormat.ResponseFormat(options.UseJsonSchema),
        };
        var started = Stopwatch.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await chatClient!.GetResponseAsync(messages, chatOptions, ct);
        }
        catch
        {
            metrics.ModelCall(ctx.MerchantId, Stopwatch.GetElapsedTime(started), null, null, "error");
            throw;
        }

        metrics.ModelCall(ctx.MerchantId, Stopwatch.GetElapsedTime(started),
            response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, "ok");
        var text = response.Text;
        logger.LogDebug("Model answered for merchant {MerchantId}: {Text}", ctx.MerchantId, text);

        var parsed = LlmReplyFormat.TryParse(text, out var error);
        return parsed is null ? (null, error) : (new ParsedReply(parsed, text), null);
    }

    private ReplyDecision FromModel(ReplyContext ctx, ParsedReply reply, PriceCheck check, List<string> baseSignals, int limit, ReplyPath path)
    {
        var signals = baseSignals.Concat(reply.Value.LeadSignals.Where(KnownSignals.Contains)).Distinct().ToList();
        var productIds = check.NamedProducts.Select(p => p.Id).ToList();
        var lowConfidence = reply.Value.Confidence < options.HandoffConfidenceThreshold;
        var handoff = reply.Value.Handoff || lowConfidence;
        var reason = reply.Value.Handoff
            ? reply.Value.HandoffReason ?? HandoffRules.ModelRequestedReason
            : lowConfidence ? HandoffRules.LowConfidenceReason : null;

        return new ReplyDecision(
            ReplyLength.Trim(reply.Value.Reply, limit),
            handoff ? ReplyPath.Handoff : path,
            reply.Value.Intent, productIds, signals, handoff, reason, reply.Value.Confidence);
    }

    private static ReplyDecision FromOffline(OfflineReply offline, List<string> signals, int limit, ReplyPath path, string? handoffReason, string? failure) =>
        new(ReplyLength.Trim(offline.Text, limit), path, EnumText<CustomerIntent>.ToText(offline.Intent), offline.ProductIds, signals,
            path == ReplyPath.Handoff, path == ReplyPath.Handoff ? handoffReason : null, offline.Confidence, failure);

    private ReplyDecision Finish(ReplyContext ctx, ReplyDecision decision)
    {
        metrics.Reply(ctx.MerchantId, ReplyDecision.PathName(decision.Path));
        return decision;
    }

    private static ReplyTone Tone(ReplyContext ctx) =>
        ctx.Settings.Tone?.Trim().ToLowerInvariant() is "plain" or "formal" or "professional" ? ReplyTone.Plain : ReplyTone.Warm;

    private sealed record ParsedReply(LlmReply Value, string Raw);
}
