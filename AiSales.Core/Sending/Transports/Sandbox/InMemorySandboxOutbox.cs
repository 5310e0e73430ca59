using Microsoft.Extensions.Logging;

namespace AiSales.Core.Sending.Transports.Sandbox;

/// <summary>Keeps the last <see cref="Capacity"/> sandbox sends in memory and raises an event for each.</summary>
public sealed class InMemorySandboxOutbox(ILogger<InMemorySandboxOutbox> logger) : ISandboxOutbox
{
    public const int Capacity = 1000;

    private readonly Lock _gate = new();
    private readonly Queue<SandboxMessage> _messages = new();

    public event Action<SandboxMessage>? MessageSent;

    public void Record(SandboxMessage message)
    {
        lock (_gate)
        {
            _messages.Enqueue(message);
            while (_messages.Count > Capacity) _messages.Dequeue();
        }

        // A faulty subscriber (a closed dashboard circuit) must not fail the send.
        foreach (var handler in MessageSent?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<SandboxMessage>)handler)(message);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A sandbox outbox subscriber failed for {ExternalMessageId}", message.ExternalMessageId);
            }
        }
    }

    public IReadOnlyList<SandboxMessage> Recent(string? accountExternalId = null)
    {
        lock (_gate)
        {
            return accountExternalId is null
                ? [.. _messages]
                : [.. _messages.Where(m => m.Send.AccountExternalId == accountExternalId)];
        }
    }
}
