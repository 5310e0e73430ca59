using System.Text.Json;
using AiSales.Core.Channels;
using AiSales.Core.Conversations;
using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Dedupe;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Inbound.Recording;
using AiSales.Core.Inbound.Routing;
using AiSales.Core.Replies.Leads;
using AiSales.Core.Replies.Offline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Core.Inbound;

/// <summary>
/// Runs one normalized event through dedupe, routing and the conversation steps in ONE transaction:
/// the processed_events claim, the event's rows and its follow-up jobs (GenerateReply, HandBackToAi,
/// written through the Postgres outbox) commit together or not at all. That is what makes a retried
/// delivery safe: whatever committed is skipped as a duplicate, whatever did not is redone in full.
/// </summary>
public sealed class InboundEventProcessor(
    ChannelRouter router,
    EventDedupeFilter dedupeFilter,
    Messaging.PostgresOutbox outbox,
    IOptions<InboundPipelineOptions> options,
    LeadUpdater leads,
    TimeProvider time,
    ILogger<InboundEventProcessor> logger)
{
    /// <param name="lastEventOf">Given with the delivery's last event: a committing transaction marks the delivery too.</param>
    public async Task<EventOutcome> ProcessAsync(NpgsqlConnection connection, InboundEvent evt, long? deliveryId, string? traceParent,
        CancellationToken ct, DeliveryCompletion? lastEventOf = null)
    {
        if (IsIgnorable(evt))
        {
            logger.LogDebug("Ignoring {Platform} {Kind} event {DedupeKey}", evt.Platform, evt.Kind, evt.DedupeKey);
            return EventOutcome.Ignored;
        }

        // Scoped by the receiving account as well as the platform: keys like read:<psid>:<watermark> are
        // only unique within one Page / IG account.
        var dedupeKey = $"{evt.RecipientAccountId}:{evt.DedupeKey}";
        if (await dedupeFilter.IsKnownAsync(evt.Platform, dedupeKey, ct)) return EventOutcome.Duplicate;

        var platform = evt.Platform.ToName();
        var route = evt is AccountEvent account
            ? await ChannelSignalRecorder.FindRouteAsync(connection, router, account, ct)
            : await router.FindAsync(connection, platform, evt.RecipientAccountId, ct);
        // A WABA none of whose numbers is connected: nothing to keep, as before signals were recorded (not "unroutable").
        if (route is null && evt is AccountEvent) return EventOutcome.Ignored;

        EventOutcome outcome;
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            if (!await ProcessedEventClaim.TryClaimAsync(connection, tx, evt.Platform, dedupeKey, deliveryId, ct))
            {
                await tx.RollbackAsync(ct);
                outcome = EventOutcome.Duplicate;
            }
            else if (route is null)
            {
                await RecordUnroutableAsync(connection, tx, evt, deliveryId, ct);
                if (lastEventOf is not null)
                {
                    await using var mark = WebhookDeliveryMarks.Command(connection, tx, lastEventOf.DeliveryId, "processed", lastEventOf.EventCount, null);
                    await mark.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                if (lastEventOf is not null) lastEventOf.Marked = true;
                logger.LogWarning(
                    "Unroutable {Platform} {Kind} event {DedupeKey} for account {RecipientAccountId} (delivery {DeliveryId}): no channel account connected",
                    evt.Platform, evt.Kind, evt.DedupeKey, evt.RecipientAccountId, deliveryId);
                outcome = EventOutcome.Unroutable;
            }
            else
            {
                var at = (evt.Timestamp ?? time.GetUtcNow()).ToUniversalTime();
                var scope = new EventScope(connection, tx, route, deliveryId, traceParent, at, outbox.Begin());
                outcome = await ApplyAsync(scope, evt, ct);
                if (lastEventOf is not null)
                    scope.Deferred.BatchCommands.Add(WebhookDeliveryMarks.BatchCommand(lastEventOf.DeliveryId, "processed", lastEventOf.EventCount, null));
                await scope.FlushDeferredAsync(ct);
                await scope.Outbox.StoreAsync(tx, ct);
                await tx.CommitAsync(ct);
                if (lastEventOf is not null) lastEventOf.Marked = true;
                await scope.Outbox.SentAsync();
            }
        }

        // Only now: had Redis learned the key before the commit, a rollback would lose the event on retry.
        await dedupeFilter.RememberAsync(evt.Platform, dedupeKey, ct);
        return outcome;
    }

    /// <summary>Events with nothing to store for a merchant: no transaction, no dedupe row.</summary>
    private static bool IsIgnorable(InboundEvent evt) => evt switch
    {
        AccountEvent a when ChannelSignalRecorder.Records(a) => false, // the number's health page (ChannelSignalRecorder)
        SystemEvent or AccountEvent or OptinEvent => true,
        MentionEvent m => m.CustomerId is null,
        UnsupportedEvent u => u.CustomerId is null || u.ExternalEventId is null,
        CommentEvent c => c.IsFromBusiness, // our own comments / replies: never a reason to answer (no reply loops)
        MessageEvent m => m.IsSelf,
        PostbackEvent p => p.IsSelf,
        _ => false,
    };

    private Task<EventOutcome> ApplyAsync(EventScope scope, InboundEvent evt, CancellationToken ct) => evt switch
    {
        EchoEvent echo => ApplyEchoAsync(scope, echo, ct),
        MessageEvent m => ApplyCustomerMessageAsync(scope, evt, MessageShape.From(m), ct),
        CommentEvent c => ApplyCommentAsync(scope, c, ct),
        PostbackEvent p => ApplyCustomerMessageAsync(scope, evt, MessageShape.From(p), ct),
        UnsupportedEvent u => ApplyCustomerMessageAsync(scope, evt, MessageShape.From(u), ct),
        MentionEvent m => ApplyCustomerMessageAsync(scope, evt,
            new MessageShape(Persistence.Entities.MessageKind.Mention, null, m.CommentId ?? m.ExternalEventId, [], CommentId: m.CommentId, MediaId: m.MediaId), ct),
        ReferralEvent r => ApplyReferralAsync(scope, r, ct),
        ReactionEvent r => Touched(MessageUpdates.ReactAsync(scope, r, "customer", ct)),
        EditEvent e => Touched(MessageUpdates.EditAsync(scope, e, ct)),
        UnsendEvent u => Touched(MessageUpdates.UnsendAsync(scope, u.Mid ?? u.ExternalEventId, ct)),
        ReadEvent r => ApplyReadAsync(scope, r, ct),
        DeliveryStatusEvent s => ApplyStatusAsync(scope, s, ct),
        AccountEvent a => Task.FromResult(ChannelSignalRecorder.Record(scope, a)),
        LeadgenEvent l => LeadFormIntake.RecordAsync(scope, l, ct),
        _ => Task.FromResult(EventOutcome.Ignored),
    };

    private async Task<EventOutcome> ApplyCustomerMessageAsync(EventScope scope, InboundEvent evt, MessageShape shape, CancellationToken ct)
    {
        var customerId = evt.CustomerId ?? (evt as CommentEvent)?.FromId;
        if (customerId is null) return EventOutcome.Ignored;
        // The shop's own team writing to its WhatsApp number: the staff assistant's, never the customer path's.
        if (evt is not CommentEvent && await StaffMessageRecorder.TryTakeAsync(scope, customerId, shape, ct)) return EventOutcome.Stored;

        var (contactId, conversationId, owner, messageId, inserted, awaiting) = await MessageRecorder.RecordAsync(scope, customerId,
            evt.CustomerName, (evt as CommentEvent)?.FromUsername, scope.At,
            Persistence.Entities.MessageDirection.Inbound, Persistence.Entities.MessageAuthor.Customer,
            Persistence.Entities.MessageStatus.Received, shape, ct);
        // Where the customer came from: nothing later in the event reads it, so it rides the last round trip.
        if (AttributionRecorder.From(evt, scope.At) is { } touch) AttributionRecorder.Defer(scope, contactId, touch);
        if (!inserted) return EventOutcome.Duplicate; // same mid arrived under another event key: already counted

        // While a person has not yet answered a hand-off, the assistant keeps answering (and stops when someone writes).
        var reply = (owner == Persistence.Entities.ConversationOwner.Ai || awaiting) && ReplyRules.ShouldReply(evt);
        ConversationActivity.Record(scope, conversationId, scope.At, fromCustomer: true, reply ? scope.Route.DebounceSeconds : null);
        // The reply records the lead signals of what it answers; a message nobody automated answers records its own.
        if (!reply && owner == Persistence.Entities.ConversationOwner.Human && !string.IsNullOrWhiteSpace(shape.Text))
            await RecordLeadSignalsAsync(scope, contactId, messageId, shape.Text, ct);
        if (reply)
        {
            // One job per customer message, due after the debounce. A burst gets one reply because the job of an earlier
            // message finds a newer customer message and leaves the answer to that one's job (TurnPolicy).
            scope.Outbox.Add(new Messaging.GenerateReply(conversationId, messageId), Messaging.Delivery.After(TimeSpan.FromSeconds(scope.Route.DebounceSeconds)));
        }
        return EventOutcome.Stored;
    }

    /// <summary>Stage, label and score follow every customer message, whoever owns the chat (one round trip to lock the contact).</summary>
    private async Task RecordLeadSignalsAsync(EventScope scope, Guid contactId, Guid messageId, string text, CancellationToken ct)
    {
        var signals = OfflineResponder.SignalsOf(text).Concat(LeadCues.Detect(text)).Distinct().ToList();
        if (signals.Count == 0) return;
        if (await LeadUpdater.LockAsync(scope.Connection, scope.Transaction, contactId, ct) is not { } lead) return;
        var plan = leads.Plan(lead, signals, messageId, "customer");
        if (plan.ContactUpdate is { } update) scope.Deferred.BatchCommands.Add(update);
        if (LeadActivityRows.Insert(plan.Activities) is { } rows) scope.Deferred.BatchCommands.Add(rows);
    }

    private async Task<EventOutcome> ApplyCommentAsync(EventScope scope, CommentEvent c, CancellationToken ct)
    {
        switch (c.Verb?.ToLowerInvariant())
        {
            case null or "" or "add":
                return await ApplyCustomerMessageAsync(scope, c, MessageShape.From(c), ct);
            case "edited" or "edit":
                return await Touched(MessageUpdates.EditAsync(scope, new EditEvent
                {
                    Platform = c.Platform, Kind = InboundEventKind.Edit, DedupeKey = c.DedupeKey, Mid = c.CommentId, Text = c.Text,
                }, ct));
            case "remove" or "delete" or "deleted":
                return await Touched(MessageUpdates.UnsendAsync(scope, c.CommentId, ct));
            default:
                return EventOutcome.Ignored; // hide/unhide and friends: moderation, nothing to show
        }
    }

    private async Task<EventOutcome> ApplyEchoAsync(EventScope scope, EchoEvent echo, CancellationToken ct)
    {
        if (await EchoMatcher.MatchAsync(scope, echo.Metadata, echo.ExternalEventId, ct) is not null) return EventOutcome.Updated;

        var ourApp = options.Value.OurAppId;
        if (!string.IsNullOrEmpty(ourApp) && echo.AppId == ourApp)
        {
            // Sent by us but not in the ledger (e.g. an operator tool): not a human, and nothing to match.
            logger.LogInformation("Echo {Mid} from our app without a ledger row; ignoring", echo.ExternalEventId);
            return EventOutcome.Ignored;
        }
        if (echo.CustomerId is null) return EventOutcome.Ignored;

        // A human wrote from the Page inbox / IG app / another tool: store it and hand them the conversation.
        var (_, conversationId, _, messageId, inserted, _) = await MessageRecorder.RecordAsync(scope, echo.CustomerId, null, null, null,
            Persistence.Entities.MessageDirection.Outbound, Persistence.Entities.MessageAuthor.Human,
            Persistence.Entities.MessageStatus.Sent, MessageShape.From(echo), ct);
        if (!inserted) return EventOutcome.Duplicate;

        await scope.ExecuteAsync(OwnershipRules.TakeOverSql, ct, conversationId, scope.At, messageId);
        // Each human message schedules its own hand-back; only the latest one's finds no human message after it.
        scope.Outbox.Add(new Messaging.HandBackToAi(conversationId, scope.At), Messaging.Delivery.After(TimeSpan.FromMinutes(scope.Route.HumanQuietMinutes)));
        return EventOutcome.Stored;
    }

    private static async Task<EventOutcome> ApplyReferralAsync(EventScope scope, ReferralEvent r, CancellationToken ct)
    {
        if (r.CustomerId is null) return EventOutcome.Ignored;
        var contactId = await ContactUpserter.UpsertAsync(scope, r.CustomerId, r.CustomerName, null, null, ct);
        if (AttributionRecorder.From(r, scope.At) is { } touch) AttributionRecorder.Defer(scope, contactId, touch);
        return EventOutcome.Stored;
    }

    private static Task<EventOutcome> ApplyReadAsync(EventScope scope, ReadEvent r, CancellationToken ct)
    {
        if (r.Mid is not null) return Touched(MessageUpdates.ReadUpToMessageAsync(scope, r.Mid, ct));
        if (r.Watermark is { } w && r.CustomerId is not null)
            return Touched(MessageUpdates.AdvanceToWatermarkAsync(scope, r.CustomerId, w, Persistence.Entities.MessageStatus.Read, ct));
        return Task.FromResult(EventOutcome.UnknownMessage);
    }

    private static async Task<EventOutcome> ApplyStatusAsync(EventScope scope, DeliveryStatusEvent s, CancellationToken ct)
    {
        var touched = 0;
        if (s.MessageId is not null && StatusProgression.Parse(s.Status) is { } next)
        {
            touched += await MessageUpdates.SetStatusAsync(scope, s.MessageId, next, next == Persistence.Entities.MessageStatus.Failed ? s.Errors.FirstOrDefault() : null, ct);
            await MessageUpdates.SettleLedgerAsync(scope, s.MessageId, next, ct, next == Persistence.Entities.MessageStatus.Failed ? s.Errors.FirstOrDefault() : null);
            // Not a customer's message: one of the staff assistant's (a link code, an answer, an alert) that WhatsApp failed late.
            if (touched == 0 && next == Persistence.Entities.MessageStatus.Failed)
                touched += await StaffMessageRecorder.FailedLateAsync(scope, s.MessageId, s.Errors.FirstOrDefault(), ct);
        }
        foreach (var mid in s.Mids)
            touched += await MessageUpdates.SetStatusAsync(scope, mid, Persistence.Entities.MessageStatus.Delivered, null, ct);
        if (s.Watermark is { } w && s.CustomerId is not null)
            touched += await MessageUpdates.AdvanceToWatermarkAsync(scope, s.CustomerId, w, Persistence.Entities.MessageStatus.Delivered, ct);
        return touched > 0 ? EventOutcome.Updated : EventOutcome.UnknownMessage;
    }

    private static async Task<EventOutcome> Touched(Task<int> update) =>
        await update > 0 ? EventOutcome.Updated : EventOutcome.UnknownMessage;

    private static async Task RecordUnroutableAsync(NpgsqlConnection connection, NpgsqlTransaction tx, InboundEvent evt, long? deliveryId, CancellationToken ct)
    {
        // One row per event: the processed_events claim in this transaction already rules out a second one.
        var payload = JsonSerializer.Serialize(new
        {
            dedupe_key = evt.DedupeKey,
            external_event_id = evt.ExternalEventId,
            customer_id = evt.CustomerId,
            entry_id = evt.EntryId,
            timestamp = evt.Timestamp,
        });
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO unroutable_events (platform, recipient_external_id, event_kind, delivery_id, payload)
            VALUES ($1, $2, $3, $4, $5::jsonb)
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = evt.Platform.ToName() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = evt.RecipientAccountId ?? "" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = evt.Kind.ToString() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)deliveryId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = payload });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
