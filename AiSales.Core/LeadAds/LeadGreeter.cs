using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Sending.Templates;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiSales.Core.LeadAds;

/// <summary>The values of lead_form_submissions.greeting besides the <see cref="TemplateProblems"/> codes.</summary>
public static class LeadGreetings
{
    /// <summary>The greeting template is queued in a new (or the open) WhatsApp conversation with the lead.</summary>
    public const string Queued = "queued";
    /// <summary>The lead is not on a WhatsApp number of the shop (no phone, no WhatsApp number): nobody can write first.</summary>
    public const string NoWhatsApp = "no_whatsapp";
    /// <summary>The lead already wrote on WhatsApp in the last 24 h: the assistant answers there, no template is needed.</summary>
    public const string AlreadyChatting = "already_chatting";
}

/// <summary>
/// Greets a lead-form lead on WhatsApp with the template the merchant chose for "lead greeting" on that number. Meta lets
/// a business write first on WhatsApp only with an approved template, and Messenger not at all (a form lead has no PSID),
/// so a lead on the shop's WhatsApp number (<see cref="LeadContactWriter"/>) is the only one greeted. The greeting opens
/// the conversation the assistant continues when the lead answers. Once per submission: the claim of the submission's
/// greeting, the conversation, the message, its ledger row and the send job commit together.
/// </summary>
public sealed class LeadGreeter(MerchantData data, NpgsqlDataSource dataSource, PostgresOutbox outbox, TimeProvider clock,
    ILogger<LeadGreeter> logger)
{
    private sealed record Plan(string Outcome, Guid ContactId = default, Guid AccountId = default, TemplateMessage? Message = null);

    /// <returns>What the greeting came to (<see cref="LeadGreetings"/> or a <see cref="TemplateProblems"/> code); null when the
    /// submission has no contact yet or was already greeted (or not) by an earlier delivery.</returns>
    public async Task<string?> GreetAsync(Guid merchantId, Guid submissionId, CancellationToken ct)
    {
        var plan = await data.RunForAsync(merchantId, (db, m) => PlanAsync(db, m, submissionId, ct), ct);
        if (plan is null) return null;

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var messageId = plan.Message is null ? (Guid?)null : Guid.CreateVersion7();
        await using (var claim = new NpgsqlCommand("""
            UPDATE lead_form_submissions SET greeting = $3, greeting_message_id = $4, updated_at = now()
            WHERE id = $1 AND merchant_id = $2 AND greeting IS NULL
            """, conn, tx))
        {
            claim.Parameters.Add(new() { Value = submissionId });
            claim.Parameters.Add(new() { Value = merchantId });
            claim.Parameters.Add(new() { Value = plan.Outcome });
            claim.Parameters.Add(new() { Value = (object?)messageId ?? DBNull.Value });
            if (await claim.ExecuteNonQueryAsync(ct) == 0) return null; // another delivery of the same job got here first
        }
        var messages = outbox.Begin();
        if (plan.Message is { } message)
        {
            Guid conversationId;
            await using (var open = new NpgsqlCommand("""
                INSERT INTO conversations AS c (merchant_id, channel_account_id, contact_id) VALUES ($1, $2, $3)
                ON CONFLICT (contact_id) WHERE status = 'open' DO UPDATE SET updated_at = now()
                RETURNING id
                """, conn, tx))
            {
                open.Parameters.Add(new() { Value = merchantId });
                open.Parameters.Add(new() { Value = plan.AccountId });
                open.Parameters.Add(new() { Value = plan.ContactId });
                conversationId = (Guid)(await open.ExecuteScalarAsync(ct))!;
            }
            var draft = new OutboundDraft(merchantId, conversationId, message.Text, MessageAuthor.Ai, null, MessagingType.Template,
                MessageKind.Template, Template: message.Wire);
            await using var batch = new NpgsqlBatch(conn, tx);
            batch.BatchCommands.Add(OutboundMessageQueue.LockConversationCommand(draft));
            OutboundMessageQueue.Add(batch, messages, draft, messageId!.Value, plan.AccountId);
            await batch.ExecuteNonQueryAsync(ct);
        }
        await messages.StoreAsync(tx, ct);
        await tx.CommitAsync(ct);
        await messages.SentAsync();
        logger.LogInformation("Lead submission {LeadSubmissionId}: greeting {Greeting}", submissionId, plan.Outcome);
        return plan.Outcome;
    }

    private async Task<Plan?> PlanAsync(AiSalesDbContext db, Guid merchantId, Guid submissionId, CancellationToken ct)
    {
        var lead = await db.LeadFormSubmissions.AsNoTracking()
            .Where(s => s.Id == submissionId && s.MerchantId == merchantId && s.Greeting == null && s.ContactId != null)
            .Join(db.Contacts, s => s.ContactId, c => c.Id, (s, c) => new { c.Id, c.ChannelAccountId, c.DisplayName, c.LastCustomerMessageAt })
            .Join(db.ChannelAccounts, c => c.ChannelAccountId, a => a.Id, (c, a) => new { Contact = c, a.Platform, a.Status })
            .FirstOrDefaultAsync(ct);
        if (lead is null) return null;
        if (lead.Platform != ChannelPlatform.WhatsApp || lead.Status == ChannelStatus.Disabled) return new Plan(LeadGreetings.NoWhatsApp);
        if (lead.Contact.LastCustomerMessageAt is { } wrote && clock.GetUtcNow() - wrote < Sending.Windows.WindowPlanner.StandardWindow)
            return new Plan(LeadGreetings.AlreadyChatting);

        var (use, template) = await TemplateStore.FindAsync(db, lead.Contact.ChannelAccountId, TemplateEvents.LeadGreeting, ct);
        var shopName = use is null ? null : await db.Merchants.AsNoTracking().Where(m => m.Id == merchantId).Select(m => m.Name).FirstOrDefaultAsync(ct);
        var (message, problem) = TemplateFill.Fill(use, template, new Dictionary<string, string?>
        {
            [TemplateFields.CustomerName] = lead.Contact.DisplayName,
            [TemplateFields.ShopName] = shopName,
        });
        return message is null
            ? new Plan(problem!)
            : new Plan(LeadGreetings.Queued, lead.Contact.Id, lead.Contact.ChannelAccountId, message);
    }
}
