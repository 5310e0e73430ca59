using AiSales.Core.LeadAds;
using AiSales.Core.Messaging;
using Npgsql;

namespace AiSales.Worker.LeadAds;

/// <summary>
/// A <see cref="FetchLeadForm"/> that kept throwing (the database, a bug; Graph's own refusals never throw) fails its
/// submission visibly as Wolverine dead-letters it, instead of leaving it "waiting for Meta" for ever. "Read again" on
/// the Lead ads page queues it anew (a replayed dead letter finds it failed and does nothing).
/// </summary>
public sealed class LeadReadDeadLetterHook(NpgsqlDataSource dataSource, ILogger<LeadReadDeadLetterHook> logger) : IDeadLetterHook
{
    public const string ErrorCode = LeadReadCodes.DeadLettered;

    public async Task DeadLetteredAsync(object message, int attempts, Exception exception)
    {
        if (message is not FetchLeadForm read) return;
        await using var conn = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var cmd = new NpgsqlCommand("""
            UPDATE lead_form_submissions SET status = 'failed', last_error_code = $2, last_error = $3, updated_at = now()
            WHERE id = $1 AND status = 'pending'
            """, conn);
        cmd.Parameters.Add(new() { Value = read.SubmissionId });
        cmd.Parameters.Add(new() { Value = ErrorCode });
        cmd.Parameters.Add(new() { Value = $"A system error stopped the read {attempts} times ({exception.GetType().Name}); use Read again." });
        var failed = await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        logger.LogError(exception, "FetchLeadForm {LeadSubmissionId} dead-lettered after {Attempts} attempts; submission failed: {Failed}",
            read.SubmissionId, attempts, failed == 1);
    }
}
