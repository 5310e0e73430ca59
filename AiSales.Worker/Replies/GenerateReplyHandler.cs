using AiSales.Core.Ai.Replies;
using AiSales.Core.Ai.Turns;
using AiSales.Core.Leads;
using AiSales.Core.Messaging;
using AiSales.Core.Conversations;
using AiSales.Core.Persistence.Entities;
using Npgsql;

namespace AiSales.Worker.Replies;

/// <summary>
/// Drafts and queues one reply for a burst of customer messages. The turn policy runs twice — before generation
/// (a human owns the chat, or a newer message means a newer job will answer the whole burst) and after it (someone
/// wrote while the model was thinking) — so the AI never talks over a person or answers a fragment. The reply goes
/// through the same outbound queue as a human's (message + ledger + SendMessage in one transaction); lead signals
/// update the contact; a hand-off gives the conversation to a person and puts it in the inbox.
/// </summary>
public sealed class GenerateReplyHandler(
    ReplyInputsLoader loader,
    TurnPolicy turns,
    ReplyEngine engine,
    OutboundMessageQueue outbound,
    LeadUpdater leads,
    NpgsqlDataSource dataSource,
    TimeProvider clock,
    ILogger<GenerateReplyHandler> logger)
{
    public async Task Handle(GenerateReply message, CancellationToken ct)
    {
        var inputs = await loader.LoadAsync(message.ConversationId, message.TriggerMessageId, ct);
        if (inputs is null)
        {
            logger.LogWarning("GenerateReply {ConversationId}: conversation or trigger {TriggerMessageId} is gone", message.ConversationId, message.TriggerMessageId);
            return;
        }

        var before = turns.Decide(inputs.Trigger, inputs.State, inputs.HumanQuietPeriod, clock.GetUtcNow());
        if (!before.ShouldSend)
        {
            logger.LogInformation("GenerateReply {ConversationId}: dropped before generation ({Reason})", message.ConversationId, before.Reason);
            return;
        }
        if (string.IsNullOrWhiteSpace(inputs.Context.CustomerText))
        {
            logger.LogInformation("GenerateReply {ConversationId}: nothing to answer (no customer text since the last reply)", message.ConversationId);
            return;
        }

        var reply = await engine.GenerateAsync(inputs.Context, ct);

        var state = await loader.LoadStateAsync(message.ConversationId, ct);
        var after = state is null ? TurnDecision.Drop(TurnDropReason.ConversationClosed)
            : turns.Decide(inputs.Trigger, state, inputs.HumanQuietPeriod, clock.GetUtcNow());
        if (!after.ShouldSend)
        {
            logger.LogInformation("GenerateReply {ConversationId}: dropped after generation ({Reason})", message.ConversationId, after.Reason);
            return;
        }

        var merchantId = inputs.Context.MerchantId;
        var messageId = await outbound.QueueAsync(merchantId, message.ConversationId, reply.Text, MessageAuthor.Ai, null, ct);
        await RecordJourneyAsync(merchantId, message.ConversationId, inputs.ContactId, messageId, reply, ct);
        await leads.ApplyAsync(inputs.ContactId, reply.LeadSignals, message.TriggerMessageId, "ai", ct);

        logger.LogInformation("GenerateReply {ConversationId}: queued {MessageId} via {Path}{Handoff}",
            message.ConversationId, messageId, ReplyDecision.PathName(reply.Path), reply.Handoff ? " (hand-off)" : "");
    }

    /// <summary>
    /// Records how the reply was produced (path, intent, failure reason) on the contact's timeline, and on a hand-off
    /// gives the conversation to a person: owner human, needs_attention with the reason, in one transaction.
    /// </summary>
    private async Task RecordJourneyAsync(Guid merchantId, Guid conversationId, Guid contactId, Guid messageId, ReplyDecision reply, CancellationToken ct)
    {
        var reasons = System.Text.Json.JsonSerializer.Serialize(new[]
        {
            $"reply path: {ReplyDecision.PathName(reply.Path)}",
            $"intent: {reply.Intent}",
            reply.FailureReason is null ? null : $"llm not used: {reply.FailureReason}",
        }.Where(r => r is not null));

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(Command("""
            INSERT INTO lead_activities (merchant_id, contact_id, kind, to_value, reasons, message_id, actor)
            VALUES ($1, $2, 'note', $3, $4::jsonb, $5, 'ai')
            """, merchantId, contactId, ReplyDecision.PathName(reply.Path), reasons, messageId));
        if (reply.Handoff)
        {
            var reason = reply.HandoffReason ?? "handoff";
            batch.BatchCommands.Add(Command("""
                UPDATE conversations SET owner = 'human',
                    owner_changed_at = CASE WHEN owner <> 'human' THEN now() ELSE owner_changed_at END,
                    needs_attention = true, attention_reason = $2, reply_due_at = NULL, updated_at = now()
                WHERE id = $1
                """, conversationId, reason));
            batch.BatchCommands.Add(Command("""
                INSERT INTO lead_activities (merchant_id, contact_id, kind, from_value, to_value, reasons, message_id, actor)
                VALUES ($1, $2, 'handoff', 'ai', 'human', $3::jsonb, $4, 'ai')
                """, merchantId, contactId, System.Text.Json.JsonSerializer.Serialize(new[] { reason }), messageId));
        }
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return cmd;
    }
}
