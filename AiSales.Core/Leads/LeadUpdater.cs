using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiSales.Core.Leads;

/// <summary>
/// Applies one message's lead signals to a contact: recomputes stage/label/score with <see cref="LeadScorer"/> and,
/// only when something changed, updates the contact and writes one lead_activities row per changed field
/// (stage_changed, label_changed, score_changed with the reasons and the message that caused it) in one
/// transaction. The contact row is locked (FOR UPDATE) so two messages of one burst processed at once cannot
/// both read the old score and lose an update.
/// </summary>
public sealed class LeadUpdater(AiSalesDbContext db, LeadScorer scorer, TimeProvider clock, ILogger<LeadUpdater> logger)
{
    /// <param name="actor">"ai", "system", or a user id (lead_activities.actor).</param>
    public async Task<LeadAssessment?> ApplyAsync(
        Guid contactId, IReadOnlyCollection<string> signals, Guid? messageId, string actor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var contact = await db.Contacts
            .FromSql($"SELECT * FROM contacts WHERE id = {contactId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (contact is null)
        {
            logger.LogWarning("Lead update skipped: contact {ContactId} not found", contactId);
            return null;
        }

        var assessment = scorer.Assess(new LeadState(contact.Stage, contact.Label, contact.Score), signals);
        if (!assessment.AnyChange)
        {
            await tx.RollbackAsync(ct);
            return assessment;
        }

        var now = clock.GetUtcNow();
        var (prev, next) = (assessment.Previous, assessment.Next);
        if (assessment.StageChanged)
            db.LeadActivities.Add(Activity(contact, LeadActivityKind.StageChanged, EnumText<LeadStage>.ToText(prev.Stage), EnumText<LeadStage>.ToText(next.Stage)));
        if (assessment.LabelChanged)
            db.LeadActivities.Add(Activity(contact, LeadActivityKind.LabelChanged, EnumText<LeadLabel>.ToText(prev.Label), EnumText<LeadLabel>.ToText(next.Label)));
        if (assessment.ScoreChanged)
            db.LeadActivities.Add(Activity(contact, LeadActivityKind.ScoreChanged, prev.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), next.Score.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        contact.Stage = next.Stage;
        contact.Label = next.Label;
        contact.Score = next.Score;
        contact.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        logger.LogInformation("Lead {ContactId}: stage {Stage}, label {Label}, score {Score}",
            contactId, next.Stage, next.Label, next.Score);
        return assessment;

        LeadActivity Activity(Contact c, LeadActivityKind kind, string from, string to) => new()
        {
            Id = Guid.NewGuid(),
            MerchantId = c.MerchantId,
            ContactId = c.Id,
            Kind = kind,
            FromValue = from,
            ToValue = to,
            Score = next.Score,
            Reasons = [.. assessment.Reasons.Select(r => r.Encode())],
            MessageId = messageId,
            Actor = actor,
            CreatedAt = now,
        };
    }
}
