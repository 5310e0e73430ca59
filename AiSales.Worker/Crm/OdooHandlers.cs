using AiSales.Core.Messaging;

namespace AiSales.Worker.Crm;

// Resolved from a scope rather than injected: the jobs use the typed HttpClient (a factory registration), which
// Wolverine's generated handler code may not call (ServiceLocationPolicy.NotAllowed), as HandleStaffMessageHandler.

/// <summary>Runs <see cref="OdooSyncJob"/> for one queued row.</summary>
public sealed class SyncToOdooHandler(IServiceScopeFactory scopes)
{
    public async Task Handle(SyncToOdoo message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OdooSyncJob>().RunAsync(message.SyncId, ct);
    }
}

/// <summary>Runs <see cref="OdooWebhookApplier"/> for one stored Odoo webhook POST.</summary>
public sealed class ProcessOdooWebhookHandler(IServiceScopeFactory scopes)
{
    public async Task Handle(ProcessOdooWebhook message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OdooWebhookApplier>().RunAsync(message.DeliveryId, ct);
    }
}
