namespace AiSales.Bench.Queue;

/// <summary>
/// The shim's batch-fetch statement (JobStore.FetchAsync in shims/WolverineFx/Postgresql), with pgbench
/// variables in place of the Npgsql parameters. JobStore is internal, so keep this in step with it by hand.
/// </summary>
public static class FetchSql
{
    public static string ForPgbench(string schema) => $"""
        WITH ready AS (SELECT id FROM {schema}.jobs WHERE status = 'waiting' AND run_at <= now() AND message_type = ANY(ARRAY['AiSales.Bench.Queue.NoOp']) ORDER BY priority DESC, run_at, id LIMIT :batch FOR UPDATE SKIP LOCKED) UPDATE {schema}.jobs j SET status = 'running', owner_node = gen_random_uuid(), lease_expires_at = now() + interval '30 seconds', attempts = j.attempts + 1, dedup_key = NULL FROM ready WHERE j.id = ready.id RETURNING j.id, j.message_type, j.handler, j.body::text, j.headers::text, j.priority, j.run_at, j.attempts, j.max_attempts;
        """;
}
