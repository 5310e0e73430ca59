using System.Globalization;
using System.Text.Json;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiSales.Core.Replies.Leads;

/// <summary>
/// Applies one message's lead signals to a contact: recomputes stage/label/score with <see cref="LeadScorer"/> and,
/// only when something changed, updates the contact and writes one lead_activities row per changed field
/// (stage_changed, label_changed, score_changed with the reasons and the message that caused it, in one INSERT). The contact row is
/// locked (FOR UPDATE) first, so two messages of one burst processed at once cannot both read the old score and lose
/// an update. Always inside a caller's transaction: the reply handler (ReplyCommitter) locks the contact in its first
/// round trip (<see cref="Lock"/>) and adds <see cref="Plan"/>'s writes to the batch that queues the reply, so the
/// reply and the lead change it caused commit together.
/// </summary>
public sealed class LeadUpdater(LeadScorer scorer, TimeProvider clock)
{
    /// <summary>
    /// The contact's owner and lead state, locked (FOR UPDATE) until the transaction ends; null when the contact does not
    /// exist. A read for the caller's batch (<see cref="BatchReads"/>), so the lock can share a round trip with others.
    /// </summary>
    public static BatchRead<LockedLead?> Lock(Guid contactId) => new(
        PositionalSql.Command("SELECT merchant_id, stage, label, score FROM contacts WHERE id = $1 FOR UPDATE", contactId),
        async (reader, ct) => await reader.ReadAsync(ct)
            ? new LockedLead(contactId, reader.GetGuid(0), new LeadState(
                EnumText<LeadStage>.Parse(reader.GetString(1)), EnumText<LeadLabel>.Parse(reader.GetString(2)), reader.GetInt32(3)))
            : null);

    /// <summary><see cref="Lock"/> on its own round trip, for a caller with nothing to read alongside it.</summary>
    public static Task<LockedLead?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid contactId, CancellationToken ct) =>
        BatchReads.ReadAsync(connection, transaction, Lock(contactId), ct);

    /// <summary>
    /// The assessment and, when something changed, the writes: the contact update and one activity row per changed
    /// field (the caller may add its own rows to the same INSERT, <see cref="LeadActivityRows"/>).
    /// </summary>
    public LeadPlan Plan(LockedLead lead, IReadOnlyCollection<string> signals, Guid? messageId, string actor)
    {
        var assessment = scorer.Assess(lead.State, signals);
        if (!assessment.AnyChange) return new LeadPlan(assessment, null, []);

        var now = clock.GetUtcNow();
        var (prev, next) = (assessment.Previous, assessment.Next);
        var reasons = JsonSerializer.Serialize(assessment.Reasons.Select(r => r.Encode()));
        var update = PositionalSql.Command("UPDATE contacts SET stage = $2, label = $3, score = $4, updated_at = $5 WHERE id = $1",
            lead.ContactId, EnumText<LeadStage>.ToText(next.Stage), EnumText<LeadLabel>.ToText(next.Label), next.Score, now);
        var activities = new List<LeadActivityRow>(3);
        if (assessment.StageChanged)
            activities.Add(Activity(LeadActivityKind.StageChanged, EnumText<LeadStage>.ToText(prev.Stage), EnumText<LeadStage>.ToText(next.Stage)));
        if (assessment.LabelChanged)
            activities.Add(Activity(LeadActivityKind.LabelChanged, EnumText<LeadLabel>.ToText(prev.Label), EnumText<LeadLabel>.ToText(next.Label)));
        if (assessment.ScoreChanged)
            activities.Add(Activity(LeadActivityKind.ScoreChanged, prev.Score.ToString(CultureInfo.InvariantCulture), next.Score.ToString(CultureInfo.InvariantCulture)));
        return new LeadPlan(assessment, update, activities);

        LeadActivityRow Activity(LeadActivityKind kind, string from, string to) =>
            new(lead.MerchantId, lead.ContactId, kind, from, to, next.Score, reasons, messageId, actor, now);
    }

    public static void LogChange(ILogger logger, LeadAssessment assessment) =>
        logger.LogDebug("Lead stage {Stage}, label {Label}, score {Score}", assessment.Next.Stage, assessment.Next.Label, assessment.Next.Score);
}

/// <summary>What a lead update will write: nothing (no change), or the contact update and the activity rows.</summary>
public sealed record LeadPlan(LeadAssessment Assessment, NpgsqlBatchCommand? ContactUpdate, IReadOnlyList<LeadActivityRow> Activities);

/// <summary>A contact locked for a lead update: who owns it and its current state.</summary>
public sealed record LockedLead(Guid ContactId, Guid MerchantId, LeadState State);
