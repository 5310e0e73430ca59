using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Npgsql.HealthChecks;

/// <summary>
/// Stands in for AddDbContextCheck (its package, Microsoft.Extensions.Diagnostics.HealthChecks.EntityFrameworkCore,
/// is not on our feed): healthy when the context can connect within the timeout.
/// </summary>
internal sealed class DbContextHealthCheck<TContext>(TContext context, TimeSpan timeout) : IHealthCheck where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext healthContext, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await context.Database.CanConnectAsync(cts.Token)
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(healthContext.Registration.FailureStatus, $"{typeof(TContext).Name} cannot connect to its database.");
        }
        catch (OperationCanceledException ex)
        {
            return new HealthCheckResult(healthContext.Registration.FailureStatus, $"{typeof(TContext).Name} timed out connecting.", ex);
        }
    }
}
