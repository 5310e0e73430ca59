using AiSales.Core.Messaging;

namespace AiSales.Worker.Commerce;

/// <summary>
/// Runs <see cref="CatalogSyncJob"/> for one merchant. Resolved from a scope rather than injected: the job uses the Graph
/// HttpClient (a factory registration), which Wolverine's generated handler code may not call, as SyncToOdooHandler.
/// </summary>
public sealed class SyncMetaCatalogHandler(IServiceScopeFactory scopes)
{
    public async Task Handle(SyncMetaCatalog message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogSyncJob>().RunAsync(message.MerchantId, ct);
    }
}
