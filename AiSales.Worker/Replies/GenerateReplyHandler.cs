using AiSales.Core.Messaging;
using AiSales.Core.Replies;
using AiSales.Core.Replies.Leads;
using AiSales.Core.Replies.Turns;

namespace AiSales.Worker.Replies;

/// <summary>
/// Drafts and queues one reply for a burst of customer messages. The turn policy runs twice — before generation
/// (a human owns the chat, or a newer message means a newer job will answer the whole burst) and after it, under the
/// conversation's lock in the transaction that queues the reply (someone wrote while the model was thinking) — so the
/// AI never talks over a person or answers a fragment. The reply goes through the same outbound statements as a
/// human's (message + ledger + SendMessage), together with the lead change and the journey note (<see cref="ReplyCommitter"/>);
/// a hand-off gives the conversation to a person and puts it in the inbox.
/// </summary>
public sealed class GenerateReplyHandler(
    ReplyInputsLoader loader,
    MediaUnderstanding media,
    TurnPolicy turns,
    ReplyEngine engine,
    ReplyCommitter committer,
    TimeProvider clock,
    ILogger<GenerateReplyHandler> logger)
{
    public async Task Handle(GenerateReply message, CancellationToken ct)
    {
        // Ids only: the customer's text and the reply stay out of logs.
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["ConversationId"] = message.ConversationId,
            ["TriggerMessageId"] = message.TriggerMessageId,
        });
        var inputs = await loader.LoadAsync(message.ConversationId, message.TriggerMessageId, ct);
        if (inputs is null)
        {
            logger.LogWarning("GenerateReply {ConversationId}: conversation or trigger {TriggerMessageId} is gone", message.ConversationId, message.TriggerMessageId);
            return;
        }
        using var merchantScope = logger.BeginScope(new Dictionary<string, object> { ["MerchantId"] = inputs.Context.MerchantId });

        if (inputs.AiPaused)
        {
            // The shop paused the assistant (a staff command or the settings page): the message waits in the inbox.
            logger.LogInformation("GenerateReply {ConversationId}: the assistant is paused for this shop", message.ConversationId);
            return;
        }

        var before = turns.Decide(inputs.Trigger, inputs.State, inputs.HumanQuietPeriod, clock.GetUtcNow());
        if (!before.ShouldSend)
        {
            logger.LogInformation("GenerateReply {ConversationId}: dropped before generation ({Reason})", message.ConversationId, before.Reason);
            return;
        }
        if (!inputs.Context.HasSomethingToAnswer)
        {
            logger.LogInformation("GenerateReply {ConversationId}: nothing to answer (no customer message since the last reply)", message.ConversationId);
            return;
        }

        // Photos compared with the product photos (voice notes transcribed) before drafting: the bytes never leave here.
        inputs = await media.EnrichAsync(inputs, ct);
        var reply = await engine.GenerateAsync(inputs.Context, ct);

        var commit = await committer.CommitAsync(message.ConversationId, message.TriggerMessageId, inputs, reply, ct);
        if (!commit.Queued)
        {
            logger.LogInformation("GenerateReply {ConversationId}: dropped after generation ({Reason})", message.ConversationId, commit.DropReason);
            return;
        }
        if (commit.Lead is { AnyChange: true } lead) LeadUpdater.LogChange(logger, lead);
        // Every answered message would log here: Debug, the reply metrics and traces cover the ordinary case; a hand-off
        // (a person must act) stays visible at Information.
        logger.Log(reply.Handoff ? LogLevel.Information : LogLevel.Debug, "GenerateReply {ConversationId}: queued {MessageId} via {Path}{Handoff}",
            message.ConversationId, commit.MessageId, ReplyDecision.PathName(reply.Path), reply.Handoff ? " (hand-off)" : "");
    }
}
