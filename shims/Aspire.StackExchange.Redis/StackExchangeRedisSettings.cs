namespace Aspire.StackExchange.Redis;

/// <summary>Settings bound from <c>Aspire:StackExchange:Redis</c> (and the connection string from <c>ConnectionStrings:{name}</c>).</summary>
public sealed class StackExchangeRedisSettings
{
    public string? ConnectionString { get; set; }
    public bool DisableHealthChecks { get; set; }
    public bool DisableTracing { get; set; }

    /// <summary>How long the health check's PING may take before the check reports Unhealthy (substitute-only setting).</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
