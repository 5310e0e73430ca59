using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Aspire.Npgsql.HealthChecks;

/// <summary>Healthy when the database answers <c>SELECT 1</c> within the timeout.</summary>
internal sealed class NpgsqlHealthCheck(NpgsqlDataSource dataSource, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cts.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cts.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The description is shown on /health; the exception (with host details) stays in logs only.
            return new HealthCheckResult(context.Registration.FailureStatus, $"PostgreSQL did not answer SELECT 1 ({ex.GetType().Name}).", ex);
        }
    }
}
