using AiSales.Core.Messaging;

namespace AiSales.Worker.Conversions;

/// <summary>
/// Runs <see cref="ConversionSendJob"/> for one queued event. Resolved from a scope rather than injected: the job uses the
/// typed HttpClient (a factory registration), which Wolverine's generated handler code may not call, as the Odoo handlers.
/// </summary>
public sealed class SendConversionEventHandler(IServiceScopeFactory scopes)
{
    public async Task Handle(SendConversionEvent message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConversionSendJob>().RunAsync(message.EventId, ct);
    }
}
