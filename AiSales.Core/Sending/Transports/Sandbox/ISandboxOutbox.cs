
namespace AiSales.Core.Sending.Transports.Sandbox;

/// <summary>A send the sandbox provider recorded instead of delivering.</summary>
public sealed record SandboxMessage(string ExternalMessageId, SendRequest Send, DateTimeOffset SentAt);

/// <summary>
/// Where sandbox sends go: the demo merchant's channel posts nothing to Meta. The dashboard's
/// simulator subscribes to <see cref="MessageSent"/> to show replies as they leave.
/// </summary>
public interface ISandboxOutbox
{
    event Action<SandboxMessage>? MessageSent;

    void Record(SandboxMessage message);

    /// <summary>Recent sends (bounded), oldest first.</summary>
    IReadOnlyList<SandboxMessage> Recent(string? accountExternalId = null);
}
