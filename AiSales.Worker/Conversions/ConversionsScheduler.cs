using AiSales.Core.Conversions;
using AiSales.Core.Messaging;
using AiSales.Worker.Scheduling;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Conversions;

/// <summary>
/// Queues a <see cref="SendConversionEvent"/> job for each capi_events row the orders trigger marked and that is due
/// (first try, or a retry whose backoff passed); see <see cref="DueWorkScheduler{TKey}"/>.
/// </summary>
public sealed class ConversionsScheduler(NpgsqlDataSource dataSource, PostgresOutbox outbox, IOptions<ConversionsOptions> options,
    ILogger<ConversionsScheduler> logger) : DueWorkScheduler<long>(dataSource, outbox, logger)
{
    protected override string Name => "Conversions";
    protected override bool Enabled => options.Value.SchedulerEnabled;
    protected override TimeSpan Interval => options.Value.SchedulerInterval;
    protected override TimeSpan RequeueAfter => options.Value.RequeueAfter;

    protected override string ClaimSql => """
        UPDATE capi_events SET queued_at = now()
        WHERE id IN (SELECT id FROM capi_events
                     WHERE state = 'pending' AND next_attempt_at <= now() AND (queued_at IS NULL OR queued_at < now() - $1)
                     ORDER BY next_attempt_at LIMIT 200 FOR UPDATE SKIP LOCKED)
        RETURNING id
        """;

    protected override object JobFor(long id) => new SendConversionEvent(id);
}
