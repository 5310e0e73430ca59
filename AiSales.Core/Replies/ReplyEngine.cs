using System.Diagnostics;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Leads;
using AiSales.Core.Replies.Llm;
using AiSales.Core.Replies.Offline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiSales.Core.Replies;

/// <summary>
/// Produces one reply for a burst of customer messages. The offline responder always runs first (pure and
/// instant): it supplies the deterministic lead signals, the hand-off text, and the fallback. Then:
/// 1. customer asks for a person / complains / wants a return / a merchant hand-off keyword → hand off without calling
///    the model, and say so;
/// 2. no model configured, or the order is being collected, summarised or placed → the offline reply (the sale's
///    state machine; every number from the catalog);
/// 3. model: structured JSON → price guard → (one corrective regeneration) → offline fallback;
///    model failure of any kind (error, timeout, bad JSON) → offline fallback;
/// 4. model asks for hand-off or reports confidence below the threshold → hand off, with our announcement.
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
            ctx.CustomerText, ctx.Catalog, ctx.MerchantName, ctx.State, delivery, Tone(ctx), ctx.MerchantNameEn, ctx.TeamBackAt, ctx.Media));
        var baseSignals = offline.LeadSignals.Concat(LeadCues.Detect(ctx.CustomerText)).Distinct().ToList();

        var keyword = HandoffRules.MatchKeyword(ctx.CustomerText, ctx.Settings.HandoffKeywords);
        if (offline.Handoff || keyword is not null)
        {
            // A merchant keyword hands off whatever else the message asked; the customer is told, like any hand-off.
            var handoff = offline.Handoff ? offline : offline with
            {
                Text = HandoffText(ctx, HandoffRules.KeywordReason),
                State = Handed(offline.State),
            };
            return Finish(ctx, FromOffline(handoff, baseSignals, limit, ReplyPath.Handoff,
                offline.Handoff ? offline.HandoffReason : HandoffRules.KeywordReason, failure: null));
        }

        // The order itself (collecting details, the summary, placing it) is deterministic: every number on it comes
        // from the catalog and the delivery terms, and the state machine owns what is still missing.
        // Media alone (a photo, a voice note, a pin) is answered by the rules too: the model would see no text to answer.
        // So is a photo request: the picture is the catalog's, and the words that go with it are the rules'. So is a cart
        // from the WhatsApp catalog: its lines, prices and stock are the catalog's (the model never sees the cart).
        if (chatClient is null || offline.Order is not null || offline.State.Step is SalesStep.Collecting or SalesStep.Confirming
            || string.IsNullOrWhiteSpace(ctx.CustomerText) || offline.ImageUrl is not null
            || ctx.Media?.Any(m => m.Kind == MediaKind.Cart) == true)
            return Finish(ctx, FromOffline(offline, baseSignals, limit, ReplyPath.Offline, null, null));

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
                    return Finish(ctx, FromModel(ctx, first, check, offline, baseSignals, limit, ReplyPath.Llm));

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
                        return Finish(ctx, FromModel(ctx, second, recheck, offline, baseSignals, limit, ReplyPath.LlmRegenerated));
                    failure = "price guard rejected the regenerated reply";
                }
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Timeouts surface as TaskCanceledException without our token cancelled (an AggregateException of them when
            // every retry timed out); HTTP errors as ClientResultException.
            failure = "model call failed: " + ex.GetType().Name;
            logger.LogWarning(ex, "Model call failed for merchant {MerchantId}; using the offline responder", ctx.MerchantId);
        }

        logger.LogInformation("Offline fallback for merchant {MerchantId}: {Failure}", ctx.MerchantId, failure);
        return Finish(ctx, FromOffline(offline, baseSignals, limit, ReplyPath.OfflineFallback, null, failure));
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

    private ReplyDecision FromModel(ReplyContext ctx, ParsedReply reply, PriceCheck check, OfflineReply offline, List<string> baseSignals, int limit, ReplyPath path)
    {
        var signals = baseSignals.Concat(reply.Value.LeadSignals.Where(KnownSignals.Contains)).Distinct().ToList();
        var productIds = check.NamedProducts.Select(p => p.Id).ToList();
        var lowConfidence = reply.Value.Confidence < options.HandoffConfidenceThreshold;
        var handoff = reply.Value.Handoff || lowConfidence;
        var reason = reply.Value.Handoff
            ? reply.Value.HandoffReason ?? HandoffRules.ModelRequestedReason
            : lowConfidence ? HandoffRules.LowConfidenceReason : null;

        // The product the model talked about is the one in focus now; the rest of the state is the responder's.
        var state = offline.State;
        if (productIds.Count == 1 && productIds[0] != state.FocusProductId)
        {
            state.FocusProductId = productIds[0];
            state.Size = state.Colour = null;
            state.Quantity = null;
        }

        // A hand-off is always announced in words we control: the model's text may not say a person will answer.
        var text = handoff ? HandoffText(ctx, reason!) : reply.Value.Reply;
        return new ReplyDecision(
            ReplyLength.Trim(text, limit),
            handoff ? ReplyPath.Handoff : path,
            reply.Value.Intent, productIds, signals, handoff, reason, reply.Value.Confidence, null, handoff ? Handed(state) : state);
    }

    private static ReplyDecision FromOffline(OfflineReply offline, List<string> signals, int limit, ReplyPath path, string? handoffReason, string? failure)
    {
        var handoff = offline.Handoff || path == ReplyPath.Handoff;
        return new(ReplyLength.Trim(offline.Text, limit), handoff ? ReplyPath.Handoff : path, EnumText<CustomerIntent>.ToText(offline.Intent),
            offline.ProductIds, signals, handoff, handoff ? handoffReason ?? offline.HandoffReason : null, offline.Confidence, failure, offline.State, offline.Order,
            offline.ImageUrl);
    }

    private static string HandoffText(ReplyContext ctx, string reason) =>
        OfflineResponder.HandoffText(reason, ctx.CustomerText, ctx.MerchantName, ctx.MerchantNameEn, ctx.TeamBackAt, Tone(ctx));

    private static SalesState Handed(SalesState state)
    {
        state.HandedOff = true;
        return state;
    }

    private ReplyDecision Finish(ReplyContext ctx, ReplyDecision decision)
    {
        metrics.Reply(ctx.MerchantId, ReplyDecision.PathName(decision.Path));
        return decision;
    }

    private static ReplyTone Tone(ReplyContext ctx) =>
        ctx.Settings.Tone?.Trim().ToLowerInvariant() is "plain" or "formal" or "professional" ? ReplyTone.Plain : ReplyTone.Warm;

    private sealed record ParsedReply(LlmReply Value, string Raw);
}
