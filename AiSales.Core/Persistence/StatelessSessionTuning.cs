using Npgsql;

namespace AiSales.Core.Persistence;

/// <summary>
/// Pool settings for services whose code never leaves session state on a connection (the Worker and the webhook
/// ingest: no SET ROLE, no session set_config, no LISTEN on pooled connections). For them Npgsql's reset on every
/// return (DISCARD ALL) is pure cost — extra statements on every customer message (bench/reply-cost.sh counts them) —
/// and it also throws away prepared statements, so every query is parsed and planned again. Skipping the reset lets automatic preparation keep the hot statements prepared per connection.
/// The dashboard does set a role and merchant per request (Tenancy/MerchantData) and keeps the default reset.
/// </summary>
public static class StatelessSessionTuning
{
    public const int AutoPreparedStatements = 128;

    /// <summary>
    /// Prepared statements keep one generic plan instead of being planned again for their parameters. Postgres decides
    /// per statement after five executions, and after an autoanalyze it re-decides with the new statistics, and in long
    /// runs went back to planning the hottest statements on most calls (docs/BENCHMARKS.md, "Settings and the figures
    /// behind them"). Every statement these services run finds its rows by key (ids, dedup keys, due times against now()), so a
    /// parameter-specific plan has nothing to gain.
    /// </summary>
    public const string PlanCacheOption = "-c plan_cache_mode=force_generic_plan";

    /// <param name="maxPoolSize">
    /// The pool's cap unless the connection string sets <c>Maximum Pool Size</c> itself. Every pooled connection is a
    /// server session with its own cached plans and relation entries; an autovacuum or analyze of a hot table
    /// invalidates them in all sessions at once, and each rebuilds them on its next statement. So a service that can queue for a connection keeps the sessions near what the server can run.
    /// </param>
    public static void Apply(NpgsqlDataSourceBuilder builder, int? maxPoolSize = null)
    {
        var cs = builder.ConnectionStringBuilder;
        cs.NoResetOnClose = true;
        // An operator's own values in the connection string win.
        if (maxPoolSize is { } max && !SetsMaxPoolSize(builder.ConnectionString)) cs.MaxPoolSize = max;
        if (cs.MaxAutoPrepare == 0) cs.MaxAutoPrepare = AutoPreparedStatements;
        if (cs.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
            cs.Options = string.IsNullOrWhiteSpace(cs.Options) ? PlanCacheOption : $"{cs.Options} {PlanCacheOption}";
    }

    /// <summary>
    /// Whether the string names the pool cap itself (Npgsql's two spellings; keys compare case-insensitively). Read from
    /// the raw keys, as the queue's own pool does: Npgsql's builder reports every keyword it knows as present.
    /// </summary>
    private static bool SetsMaxPoolSize(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Maximum Pool Size") || given.ContainsKey("MaxPoolSize");
    }
}
