using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Npgsql;
using Wolverine;

namespace AiSales.Core.Sending;

/// <summary>
/// Reads and moves the outbound_sends ledger and its message. Every method commits on its own (one statement, or one
/// transaction): the ledger must say "sending" BEFORE the provider is called, whatever happens to the job afterwards.
/// Every transition also updates the message (status, status_detail, error_code, error_message) so the
/// dashboard shows where each message is. Statuses only move forward (an echo may already have said "sent").
/// </summary>
public sealed class OutboundLedger(NpgsqlDataSource dataSource, Messaging.PostgresOutbox outbox)
{
    /// <summary>
    /// Whether ANOTHER private reply to message <c>m</c>'s comment went out or may have (an unknown outcome counts as sent:
    /// the customer may have it). Meta allows one per comment. Scoped to <c>m</c>'s conversation, which holds every private
    /// reply to that comment: a reply can only be queued in the conversation holding the customer's inbound comment
    /// (OutboundMessageQueue.LockConversationCommand), that comment is stored once per channel account (its id is the
    /// message's external_id, unique per account), and messages never move between conversations. Reads
    /// ix_messages_conversation_created_at instead of the account's messages.
    /// </summary>
    private const string OtherPrivateReplyTakenSql = """
        EXISTS (
            SELECT 1 FROM messages om JOIN outbound_sends os ON os.message_id = om.id
            WHERE om.conversation_id = m.conversation_id AND om.comment_id = m.comment_id AND om.id <> m.id
              AND os.messaging_type = 'private_reply' AND (os.state IN ('sending', 'sent')
                  OR (os.state = 'failed' AND os.last_error_code = 'outcome_unknown')))
        """;

    private const string LoadSql = $$"""
        SELECT m.id, m.merchant_id, m.conversation_id, m.channel_account_id, m.author, m.text,
               m.attachments->0->>'url', m.attachments->0->>'type', m.comment_id, m.reply_to_external_id, m.status,
               s.id, s.idempotency_key, s.state, s.attempts, s.messaging_type, s.endpoint_class, s.external_message_id, s.updated_at,
               a.platform, a.provider, a.external_id, a.status, a.access_token_encrypted, a.settings::text,
               ct.external_id, COALESCE(c.last_customer_message_at, ct.last_customer_message_at),
               s.last_error_code,
               -- Private replies only (CASE keeps the sub-selects from running for ordinary sends): when the comment
               -- was made (the 7-day limit counts from it) and whether another private reply to it already went out
               -- (or may have: an unknown outcome counts as sent, the customer may have it).
               -- The comment lives in this conversation for the same reasons as in OtherPrivateReplyTakenSql.
               CASE WHEN s.messaging_type = 'private_reply' AND m.comment_id IS NOT NULL THEN (
                   SELECT COALESCE(ic.external_timestamp, ic.created_at) FROM messages ic
                   WHERE ic.conversation_id = m.conversation_id AND ic.comment_id = m.comment_id AND ic.direction = 'inbound'
                   ORDER BY ic.created_at LIMIT 1) END,
               CASE WHEN s.messaging_type = 'private_reply' AND m.comment_id IS NOT NULL THEN {{OtherPrivateReplyTakenSql}} ELSE false END,
               s.template::text, s.products::text
        FROM messages m
        JOIN outbound_sends s ON s.message_id = m.id
        JOIN conversations c ON c.id = m.conversation_id
        JOIN contacts ct ON ct.id = c.contact_id
        JOIN channel_accounts a ON a.id = m.channel_account_id
        WHERE m.id = $1
        ORDER BY s.created_at
        LIMIT 1
        """;

    public async Task<PendingSend?> LoadAsync(Guid messageId, CancellationToken ct)
    {
        await using var cmd = Command(LoadSql, messageId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new PendingSend(
            r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetGuid(3),
            EnumText<MessageAuthor>.Parse(r.GetString(4)), Str(r, 5), Str(r, 6), Str(r, 7), Str(r, 8), Str(r, 9),
            EnumText<MessageStatus>.Parse(r.GetString(10)),
            r.GetGuid(11), r.GetString(12), EnumText<SendState>.Parse(r.GetString(13)), r.GetInt32(14),
            EnumText<MessagingType>.Parse(r.GetString(15)), r.GetString(16), Str(r, 17), r.GetFieldValue<DateTimeOffset>(18),
            EnumText<ChannelPlatform>.Parse(r.GetString(19)), EnumText<ChannelProvider>.Parse(r.GetString(20)), r.GetString(21),
            EnumText<ChannelStatus>.Parse(r.GetString(22)), r.IsDBNull(23) ? null : (byte[])r[23], r.GetString(24),
            r.GetString(25), r.IsDBNull(26) ? null : r.GetFieldValue<DateTimeOffset>(26),
            Str(r, 27), r.IsDBNull(28) ? null : r.GetFieldValue<DateTimeOffset>(28), r.GetBoolean(29),
            r.IsDBNull(30) ? null : JsonbSerialization.Deserialize<Transports.WhatsAppTemplate>(r.GetString(30)),
            r.IsDBNull(31) ? null : JsonbSerialization.Deserialize<Transports.ProductShowcase>(r.GetString(31)));

        static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    }

    // The claim, written twice rather than guarded by a boolean parameter: with `$n AND EXISTS (...)` Postgres re-planned
    // the statement on every call (a custom plan per value, visible as plans = calls in pg_stat_statements).
    private const string ClaimTemplate = """
        WITH s AS (
            UPDATE outbound_sends SET state = 'sending', attempts = attempts + 1, messaging_type = $2,
                next_attempt_at = NULL, updated_at = now()
            WHERE id = $1 AND state = 'pending'{0}
            RETURNING attempts),
        msg AS (
            UPDATE messages SET status = 'sending', status_detail = $4
            WHERE id = $3 AND status IN ('pending', 'queued', 'sending') AND EXISTS (SELECT 1 FROM s))
        SELECT attempts FROM s
        """;

    private static readonly string ClaimSql = string.Format(System.Globalization.CultureInfo.InvariantCulture, ClaimTemplate, "");

    private static readonly string ClaimPrivateReplySql = string.Format(System.Globalization.CultureInfo.InvariantCulture, ClaimTemplate,
        $"\n              AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = $3 AND {OtherPrivateReplyTakenSql})");

    /// <summary>
    /// pending → sending, attempts + 1, committed before the call. Only one worker can win this for a row
    /// (a redelivered or duplicated job finds it no longer pending). Returns the new attempt count, or null if not claimed.
    /// </summary>
    public async Task<int?> TryClaimAsync(PendingSend send, MessagingType messagingType, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var privateReply = messagingType == MessagingType.PrivateReply && send.CommentId is not null;
        // One statement claims the ledger row and moves the message: atomic on its own, one round trip. Only a private
        // reply needs an explicit transaction, for the lock below.
        await using var tx = privateReply ? await conn.BeginTransactionAsync(ct) : null;
        if (privateReply)
        {
            // Meta allows ONE private reply per comment. Two replies to the same comment queued at once would both pass
            // the planner's check; this lock serialises their claims so the second sees the first's committed "sending".
            await using var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", conn, tx);
            lockCmd.Parameters.Add(Parameter($"private_reply:{send.ChannelAccountId:N}:{send.CommentId}"));
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        await using var claim = new NpgsqlCommand(privateReply ? ClaimPrivateReplySql : ClaimSql, conn, tx);
        foreach (var value in new object?[] { send.LedgerId, EnumText<MessagingType>.ToText(messagingType), send.MessageId, SendStatusDetail.Sending })
            claim.Parameters.Add(Parameter(value));
        var attempts = await claim.ExecuteScalarAsync(ct) is int n ? n : (int?)null;
        if (tx is not null)
        {
            if (attempts is null) await tx.RollbackAsync(ct);
            else await tx.CommitAsync(ct);
        }
        return attempts;
    }

    /// <summary>The platform accepted it: ledger sent with the provider's id; the message moves to sent unless an echo/status already moved it further.</summary>
    public Task MarkSentAsync(PendingSend send, string? externalMessageId, string? statusDetail, CancellationToken ct) =>
        ExecuteAsync(ct, """
            WITH s AS (
                UPDATE outbound_sends SET state = 'sent', external_message_id = COALESCE(external_message_id, $3),
                    sent_at = COALESCE(sent_at, now()), last_error = NULL, last_error_code = NULL, updated_at = now()
                WHERE id = $1 AND state IN ('pending', 'sending')
                RETURNING id)
            UPDATE messages SET
                status = CASE WHEN status IN ('pending', 'queued', 'sending') THEN 'sent' ELSE status END,
                external_id = COALESCE(external_id, $3),
                external_timestamp = COALESCE(external_timestamp, now()),
                status_detail = $4, error_code = NULL, error_message = NULL
            WHERE id = $2
            """, send.LedgerId, send.MessageId, (object?)externalMessageId, (object?)statusDetail);

    /// <summary>Back to pending for a later attempt (message queued with a readable reason).</summary>
    public Task MarkRetryAsync(PendingSend send, DateTimeOffset nextAttemptAt, string statusDetail, string? errorCode, string? error, CancellationToken ct) =>
        ExecuteAsync(ct, """
            WITH s AS (
                UPDATE outbound_sends SET state = 'pending', next_attempt_at = $3, last_error_code = $4, last_error = $5, updated_at = now()
                WHERE id = $1 AND state IN ('pending', 'sending')
                RETURNING id)
            UPDATE messages SET status = 'queued', status_detail = $6, error_code = $4, error_message = $5
            WHERE id = $2 AND status IN ('pending', 'queued', 'sending') AND EXISTS (SELECT 1 FROM s)
            """, send.LedgerId, send.MessageId, nextAttemptAt, (object?)errorCode, (object?)error, statusDetail);

    /// <summary>Refused by our own rate limiter before any call: nothing was attempted, the ledger stays pending.</summary>
    public Task MarkRateLimitedAsync(PendingSend send, DateTimeOffset nextAttemptAt, CancellationToken ct) =>
        ExecuteAsync(ct, """
            WITH s AS (
                UPDATE outbound_sends SET next_attempt_at = $3, updated_at = now() WHERE id = $1 AND state = 'pending' RETURNING id)
            UPDATE messages SET status = 'queued', status_detail = $4
            WHERE id = $2 AND status IN ('pending', 'queued') AND EXISTS (SELECT 1 FROM s)
            """, send.LedgerId, send.MessageId, nextAttemptAt, SendStatusDetail.RateLimited);

    /// <summary>
    /// The token is dead (Graph 190): the channel shows needs_reconnect, the message waits (ledger pending, the attempt
    /// refunded so parking never burns retries) until <see cref="ChannelReconnector"/> re-enqueues it.
    /// </summary>
    public async Task ParkForReconnectAsync(PendingSend send, bool refundAttempt, string? errorCode, string? error, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(BatchCommand("""
            UPDATE outbound_sends SET state = 'pending', attempts = GREATEST(attempts - $2, 0), next_attempt_at = NULL,
                last_error_code = $3, last_error = $4, updated_at = now()
            WHERE id = $1 AND state IN ('pending', 'sending')
            """, send.LedgerId, refundAttempt ? 1 : 0, (object?)errorCode, (object?)error));
        batch.BatchCommands.Add(BatchCommand("""
            UPDATE messages SET status = 'queued', status_detail = $2, error_code = $3, error_message = $4
            WHERE id = $1 AND status IN ('pending', 'queued', 'sending')
            """, send.MessageId, SendStatusDetail.WaitingReconnect, (object?)errorCode, (object?)error));
        batch.BatchCommands.Add(BatchCommand("""
            UPDATE channel_accounts SET status = 'needs_reconnect', last_error = COALESCE($2, last_error), updated_at = now()
            WHERE id = $1 AND status <> 'disabled'
            """, send.ChannelAccountId, (object?)error));
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Final failure, visible on the message. Only from an unsettled state: a sent ledger row is never failed here.</summary>
    public Task MarkFailedAsync(PendingSend send, string statusDetail, string? errorCode, string? error, CancellationToken ct) =>
        ExecuteAsync(ct, """
            WITH s AS (
                UPDATE outbound_sends SET state = 'failed', next_attempt_at = NULL, last_error_code = $3, last_error = $4, updated_at = now()
                WHERE id = $1 AND state IN ('pending', 'sending')
                RETURNING id)
            UPDATE messages SET status = 'failed', status_detail = $5, error_code = $3, error_message = $4
            WHERE id = $2 AND status IN ('pending', 'queued', 'sending') AND EXISTS (SELECT 1 FROM s)
            """, send.LedgerId, send.MessageId, (object?)errorCode, (object?)error, statusDetail);

    /// <summary>
    /// The SendMessage job is about to go to the dead letters and no provider call is in doubt (ledger pending): fail the
    /// message visibly with <see cref="SendErrorCodes.DeadLettered"/>, which marks it as safe to revive on an operator's replay.
    /// </summary>
    public Task<bool> MarkDeadLetteredAsync(PendingSend send, int jobAttempts, string exceptionType, CancellationToken ct) =>
        ExecuteRowsAsync(ct, """
            WITH s AS (
                UPDATE outbound_sends SET state = 'failed', next_attempt_at = NULL, last_error_code = $3, last_error = $4, updated_at = now()
                WHERE id = $1 AND state = 'pending'
                RETURNING id)
            UPDATE messages SET status = 'failed', status_detail = $5, error_code = $3, error_message = $6
            WHERE id = $2 AND status IN ('pending', 'queued', 'sending') AND EXISTS (SELECT 1 FROM s)
            """, send.LedgerId, send.MessageId, SendErrorCodes.DeadLettered,
            $"SendMessage job failed {jobAttempts} times ({exceptionType}) before any provider call; moved to the dead letters",
            SendStatusDetail.DeadLettered(jobAttempts),
            $"Not sent: a system error stopped it {jobAttempts} times before anything reached the platform.");

    /// <summary>
    /// An operator replayed the dead letter: a send failed by <see cref="MarkDeadLetteredAsync"/> (never called the
    /// platform) goes back to pending so this job sends it. Only that failure qualifies; any other failed send stays failed.
    /// </summary>
    /// <returns>True if this call revived it (a concurrent replay gets false and does nothing).</returns>
    public async Task<bool> ReviveDeadLetteredAsync(PendingSend send, CancellationToken ct)
    {
        // One statement: the message moves only with the ledger row, and the ledger row's count says who revived it.
        await using var cmd = Command("""
            WITH s AS (
                UPDATE outbound_sends SET state = 'pending', last_error_code = NULL, last_error = NULL, next_attempt_at = NULL, updated_at = now()
                WHERE id = $1 AND state = 'failed' AND last_error_code = $3
                RETURNING id),
            msg AS (
                UPDATE messages SET status = 'queued', status_detail = $4, error_code = NULL, error_message = NULL
                WHERE id = $2 AND status = 'failed' AND error_code = $3 AND EXISTS (SELECT 1 FROM s))
            SELECT count(*) FROM s
            """, send.LedgerId, send.MessageId, SendErrorCodes.DeadLettered, SendStatusDetail.RetriedByOperator);
        return await cmd.ExecuteScalarAsync(ct) is 1L;
    }

    private const string MarkOutcomeUnknownSql = """
        WITH s AS (
            UPDATE outbound_sends SET last_error_code = 'outcome_unknown', last_error = $3, updated_at = now()
            WHERE id = $1 AND state = 'sending'
            RETURNING id)
        UPDATE messages SET status_detail = $4
        WHERE id = $2 AND status IN ('pending', 'queued', 'sending') AND EXISTS (SELECT 1 FROM s)
        """;

    /// <summary>The call may have reached the platform: keep the ledger "sending" (never resent from here) and say so.</summary>
    public Task MarkOutcomeUnknownAsync(PendingSend send, string? error, CancellationToken ct) =>
        ExecuteAsync(ct, MarkOutcomeUnknownSql, send.LedgerId, send.MessageId, (object?)error, SendStatusDetail.OutcomeUnknown);

    /// <summary>
    /// <see cref="MarkOutcomeUnknownAsync"/> and the first <see cref="ReconcileSend"/> check (after <paramref name="firstCheck"/>,
    /// committed together in a transaction of their own. For a SendMessage
    /// job that is failing for good: what it publishes through its own message context is rolled back with it.
    /// </summary>
    public async Task MarkOutcomeUnknownAndScheduleReconcileAsync(PendingSend send, string? error, TimeSpan firstCheck, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(BatchCommand(MarkOutcomeUnknownSql, send.LedgerId, send.MessageId, (object?)error, SendStatusDetail.OutcomeUnknown));
        await batch.ExecuteNonQueryAsync(ct);
        var reconcile = await outbox.StoreAsync(tx, [new ReconcileSend(send.MessageId, 1)], Messaging.Delivery.After(firstCheck), ct);
        await tx.CommitAsync(ct);
        await reconcile.SentAsync();
    }

    /// <summary>
    /// The reconcile window passed without an echo or status: fail the message without resending (a resend could
    /// duplicate it) and put the conversation in the inbox for a person to decide.
    /// </summary>
    public async Task GiveUpUnknownAsync(PendingSend send, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(BatchCommand("""
            WITH s AS (
                UPDATE outbound_sends SET state = 'failed', last_error_code = 'outcome_unknown', last_error = $3, updated_at = now()
                WHERE id = $1 AND state = 'sending'
                RETURNING id)
            UPDATE messages SET status = 'failed', status_detail = $3, error_code = 'outcome_unknown', error_message = $3
            WHERE id = $2 AND status IN ('pending', 'queued', 'sending') AND EXISTS (SELECT 1 FROM s)
            """, send.LedgerId, send.MessageId, SendStatusDetail.UnknownGaveUp));
        batch.BatchCommands.Add(BatchCommand("""
            UPDATE conversations SET needs_attention = true, attention_reason = 'send_outcome_unknown', updated_at = now()
            WHERE id = $1 AND EXISTS (SELECT 1 FROM outbound_sends WHERE id = $2 AND state = 'failed' AND last_error_code = 'outcome_unknown')
            """, send.ConversationId, send.LedgerId));
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task ExecuteAsync(CancellationToken ct, string sql, params object?[] args)
    {
        await using var cmd = Command(sql, args);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<bool> ExecuteRowsAsync(CancellationToken ct, string sql, params object?[] args)
    {
        await using var cmd = Command(sql, args);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    private NpgsqlCommand Command(string sql, params object?[] args)
    {
        var cmd = dataSource.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(Parameter(a));
        return cmd;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object?[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(Parameter(a));
        return cmd;
    }

    // Nulls need a type: Postgres cannot infer one for an untyped NULL in some positions.
    private static NpgsqlParameter Parameter(object? value) => value switch
    {
        null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
        DateTimeOffset d => new NpgsqlParameter { Value = d.ToUniversalTime() },
        _ => new NpgsqlParameter { Value = value },
    };
}
