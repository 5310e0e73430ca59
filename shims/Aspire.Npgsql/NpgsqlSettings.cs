namespace Aspire.Npgsql;

/// <summary>Settings of <c>AddNpgsqlDataSource</c>; bound from configuration section <c>Aspire:Npgsql</c>.</summary>
public sealed class NpgsqlSettings
{
    /// <summary>Defaults to <c>ConnectionStrings:{connectionName}</c>.</summary>
    public string? ConnectionString { get; set; }

    public bool DisableHealthChecks { get; set; }

    public bool DisableTracing { get; set; }

    public bool DisableMetrics { get; set; }

    /// <summary>How long the health check waits for <c>SELECT 1</c>. Short, so a dead database is reported quickly.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
