using System.Text.Json;
using AiSales.Core.Conversations;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Leads;
using AiSales.Core.Replies.Turns;
using AiSales.Core.Sending;
using Npgsql;

namespace AiSales.Core.Replies;

/// <summary>What became of a drafted reply.</summary>
public sealed record ReplyCommit(Guid? MessageId, string? DropReason, LeadAssessment? Lead, Guid? OrderId = null)
{
    public bool Queued => MessageId is not null;
}

/// <summary>
/// Queues a drafted AI reply and everything it decided in ONE transaction: the turn re-check (someone wrote while the
/// reply was being drafted?) under the conversation's lock, the outbound message + ledger row + SendMessage job (the same
/// statements as <see cref="OutboundMessageQueue"/>), the journey note (path, intent), the hand-off, and the lead change.
/// Three round trips — lock and read, write, commit — where the reply used to cost four transactions; and the check and
/// the queueing can no longer be separated by a human's message. A dropped reply writes nothing.
/// </summary>
public sealed class ReplyCommitter(NpgsqlDataSource dataSource, PostgresOutbox outbox, LeadUpdater leads, TurnPolicy turns, TimeProvider clock)
{
    public async Task<ReplyCommit> CommitAsync(Guid conversationId, Guid triggerMessageId, ReplyInputs inputs, ReplyDecision reply, CancellationToken ct)
    {
        var draft = new OutboundDraft(inputs.Context.MerchantId, conversationId, reply.Text, MessageAuthor.Ai, null,
            ProductId: reply.ProductIds.Count > 0 ? reply.ProductIds[0] : null);
        OutboundMessageQueue.Validate(draft);

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        // Lock order contact → conversation, as the inbound path takes them (contact upsert, then conversation upsert):
        // a customer message arriving right now waits for this commit instead of deadlocking with it. The reads run in the
        // order they are added, in one round trip; the state is read under both locks.
        var read = new BatchReads();
        var leadRead = read.Add(LeadUpdater.Lock(inputs.ContactId));
        var conversationRead = read.Add(OutboundMessageQueue.LockConversation(draft));
        var stateRead = read.Add(ReplyInputsLoader.State(conversationId));
        await read.ExecuteAsync(conn, tx, ct);
        var (lead, channelAccountId, state) = (leadRead.Value, conversationRead.Value, stateRead.Value);

        var after = state is null || channelAccountId is null
            ? TurnDecision.Drop(TurnDropReason.ConversationClosed)
            : turns.Decide(inputs.Trigger, state, inputs.HumanQuietPeriod, clock.GetUtcNow());
        if (!after.ShouldSend)
        {
            await tx.RollbackAsync(ct);
            return new ReplyCommit(null, after.Reason, null);
        }

        // An order placed in this turn: its number is the customer's reference ("وين طلبي #1004؟") and the team's.
        long? orderNumber = null;
        if (reply.Order is not null)
        {
            orderNumber = await OrderWriter.ReserveNumberAsync(conn, tx, draft.MerchantId, ct);
            draft = draft with { Text = draft.Text + OrderNumberSentence(orderNumber.Value, reply.State?.Language == "en") };
        }

        var messageId = Guid.CreateVersion7();
        // The products the customer asked to see, as the platform's product message after the text (ShowcasePlanner).
        var showcase = await ShowcasePlanner.PlanAsync(conn, tx, inputs.Context, channelAccountId!.Value, reply, ct);
        var plan = lead is null ? null : leads.Plan(lead, reply.LeadSignals, triggerMessageId, "ai");
        var send = outbox.Begin();
        var sale = new OrderWriter();
        await using (var write = new NpgsqlBatch(conn, tx))
        {
            // The photo the customer asked to see, as its own image message next to the text (Messenger and Instagram carry
            // one attachment or text per message).
            if (reply.ImageUrl is { } image)
                OutboundMessageQueue.Add(write, send, draft with
                {
                    Text = "", Kind = MessageKind.Image, EndpointClass = "media", AttachmentUrl = image, ProductId = null,
                }, Guid.CreateVersion7(), channelAccountId!.Value);
            OutboundMessageQueue.Add(write, send, draft, messageId, channelAccountId!.Value);
            if (showcase is not null)
                OutboundMessageQueue.Add(write, send, draft with
                {
                    Text = ShowcasePlanner.Line(reply.State?.Language == "en"), Kind = MessageKind.Interactive, ProductId = null, Showcase = showcase,
                }, Guid.CreateVersion7(), channelAccountId!.Value);
            if (reply.Handoff) write.BatchCommands.Add(HandoffCommand(draft.ConversationId, reply));
            if (plan?.ContactUpdate is { } contactUpdate) write.BatchCommands.Add(contactUpdate);
            sale.Add(write, draft.MerchantId, draft.ConversationId, inputs.ContactId, reply, orderNumber);
            write.BatchCommands.Add(LeadActivityRows.Insert([.. JourneyRows(draft, inputs.ContactId, messageId, reply, sale.OrderId), .. plan?.Activities ?? []])!);
            await write.ExecuteNonQueryAsync(ct);
        }
        // Not enough stock any more (another customer ordered meanwhile): nothing is kept, and the retried job drafts the
        // reply again from the catalog as it is now.
        sale.EnsureReserved();
        await send.StoreAsync(tx, ct);
        await tx.CommitAsync(ct);
        await send.SentAsync();
        return new ReplyCommit(messageId, null, plan?.Assessment, sale.OrderId);
    }

    /// <summary>
    /// How the reply was produced (path, intent, failure reason) on the contact's timeline, and on a hand-off the
    /// hand-off itself; written in the same INSERT as the lead change's rows.
    /// </summary>
    private static IEnumerable<LeadActivityRow> JourneyRows(OutboundDraft draft, Guid contactId, Guid messageId, ReplyDecision reply, Guid? orderId)
    {
        // Codes the dashboard says in the merchant's language (LeadReasonText); the model's failure itself is in the logs.
        var reasons = JsonSerializer.Serialize(new[]
        {
            Leads.LeadReason.Reply(ReplyDecision.PathName(reply.Path), reply.Intent.ToString().ToLowerInvariant()).Encode(),
            reply.FailureReason is null ? null : Leads.LeadReason.ModelUnused().Encode(),
            orderId is null ? null : Leads.LeadReason.OrderPlaced(reply.Order!.TotalIqd).Encode(),
        }.Where(r => r is not null));
        yield return new LeadActivityRow(draft.MerchantId, contactId, LeadActivityKind.Note, null, ReplyDecision.PathName(reply.Path), null,
            reasons, messageId, "ai");
        if (reply.Handoff)
            yield return new LeadActivityRow(draft.MerchantId, contactId, LeadActivityKind.Handoff, "ai", "human", null,
                JsonSerializer.Serialize(new[] { HandoffReason(reply) }), messageId, "ai");
    }

    private static string OrderNumberSentence(long number, bool english) =>
        english ? $" Your order number is #{number}." : $" رقم طلبك #{number}.";

    /// <summary>A hand-off gives the conversation to a person: owner human, needs_attention with the reason.</summary>
    private static NpgsqlBatchCommand HandoffCommand(Guid conversationId, ReplyDecision reply) => PositionalSql.Command("""
        UPDATE conversations SET owner = 'human',
            owner_changed_at = CASE WHEN owner <> 'human' THEN now() ELSE owner_changed_at END,
            needs_attention = true, attention_reason = $2, reply_due_at = NULL, updated_at = now()
        WHERE id = $1
        """, conversationId, HandoffReason(reply));

    private static string HandoffReason(ReplyDecision reply) => reply.HandoffReason ?? "handoff";
}
