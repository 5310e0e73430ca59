using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

public static class NpgsqlDbContextExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> (pooled) on the <see cref="NpgsqlDataSource"/> that
    /// <c>AddNpgsqlDataSource</c> registered, with Aspire's tracing and metrics for it, and without EF's retrying
    /// execution strategy.
    /// <para>
    /// Not Aspire's <c>AddNpgsqlDbContext</c>: that one gives EF its own pool built from the connection string, so the
    /// context would skip the data source's settings (the Worker's session tuning and its cap on handler sessions,
    /// HandlerConnections) and hold sessions the cap does not count. It also turns on EF's retrying execution
    /// strategy, which refuses user-initiated transactions (<c>Database.BeginTransactionAsync</c>: order actions,
    /// the demo seed) and would resend statements of a transaction that may have committed. Retries belong to the
    /// callers (the queue's error policies, the ledger); an operator's <c>DisableRetry: false</c> is overridden on purpose.
    /// </para>
    /// </summary>
    public static void AddNpgsqlDbContextOnDataSource<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        builder.Services.AddDbContextPool<TContext>((services, options) => options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()));
        builder.EnrichNpgsqlDbContext<TContext>(settings =>
        {
            settings.DisableRetry = true;
            // The data source's own check ("PostgreSql") already tests these very connections; a second one would take
            // a second session from the Worker's capped pool on every probe.
            settings.DisableHealthChecks = true;
        });
    }
}
