using AiSales.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Core.Tenancy;

/// <summary>
/// Runs one unit of merchant-scoped data work. Two walls:
/// 1. explicit scoping: the work receives the merchant id and every query filters on it (no global query
///    filters, so the Worker and Webhooks, which have no tenant, keep seeing everything unchanged);
/// 2. Postgres row-level security: the connection runs as role aisales_dashboard with app.merchant_id set
///    (migration 0002), so a query that forgets its filter still only sees this merchant's rows.
/// Each call leases its own DbContext from a new scope: Blazor circuits are long-lived and concurrent
/// (timers, clicks), and one DbContext per circuit would be shared across threads and hold state for hours.
/// Identity never goes through here, so login queries keep the service's own role.
/// </summary>
public sealed class MerchantData(IServiceScopeFactory scopes, ICurrentMerchant current)
{
    public const string Role = "aisales_dashboard";

    public Task<T> RunAsync<T>(Func<AiSalesDbContext, Guid, Task<T>> work, CancellationToken ct = default) =>
        RunForAsync(current.RequireMerchantId(), work, ct);

    public async Task RunAsync(Func<AiSalesDbContext, Guid, Task> work, CancellationToken ct = default) =>
        await RunForAsync<bool>(current.RequireMerchantId(), async (db, id) => { await work(db, id); return true; }, ct);

    /// <summary>Same as <see cref="RunAsync{T}"/> for an explicit merchant (tests, admin tools).</summary>
    public async Task<T> RunForAsync<T>(Guid merchantId, Func<AiSalesDbContext, Guid, Task<T>> work, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AiSalesDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // The setting is session-level (is_local = false): EF may run several statements/transactions here.
            await db.Database.ExecuteSqlRawAsync(
                "SELECT set_config('role', {0}, false), set_config('app.merchant_id', {1}, false)", [Role, merchantId.ToString()], ct);
            return await work(db, merchantId);
        }
        finally
        {
            // Npgsql also resets pooled sessions (DISCARD ALL), but never hand a tenant-bound session back on trust.
            try { await db.Database.ExecuteSqlRawAsync("SELECT set_config('role', 'none', false), set_config('app.merchant_id', '', false)", CancellationToken.None); }
            catch (Exception) when (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) { }
            await db.Database.CloseConnectionAsync();
        }
    }
}
