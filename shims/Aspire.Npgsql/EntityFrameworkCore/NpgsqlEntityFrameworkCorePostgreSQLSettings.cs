namespace Aspire.Npgsql.EntityFrameworkCore.PostgreSQL;

/// <summary>
/// Settings of <c>AddNpgsqlDbContext</c>; bound from <c>Aspire:Npgsql:EntityFrameworkCore:PostgreSQL</c>.
/// </summary>
public sealed class NpgsqlEntityFrameworkCorePostgreSQLSettings
{
    /// <summary>Defaults to <c>ConnectionStrings:{connectionName}</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Unlike the real Aspire package (where retries are on by default) this defaults to <c>true</c>:
    /// EF's retrying execution strategy refuses user-initiated transactions (BeginTransaction outside
    /// strategy.ExecuteAsync), and our durable inbox/outbox enqueues inside the caller's transaction.
    /// Set it to false for contexts that only use SaveChanges.
    /// </summary>
    public bool DisableRetry { get; set; } = true;

    public int? CommandTimeout { get; set; }

    public bool DisableHealthChecks { get; set; }

    public bool DisableTracing { get; set; }

    public bool DisableMetrics { get; set; }
}
