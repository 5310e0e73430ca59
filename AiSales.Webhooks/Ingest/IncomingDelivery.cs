using AiSales.Core.Persistence.Entities;

namespace AiSales.Webhooks.Ingest;

/// <summary>One verified POST waiting for its batch to commit.</summary>
public sealed class IncomingDelivery(ChannelPlatform platform, string objectName, byte[] body, string headersJson, string? traceParent)
{
    public ChannelPlatform Platform { get; } = platform;
    public string ObjectName { get; } = objectName;
    public byte[] Body { get; } = body;
    public string HeadersJson { get; } = headersJson;
    public string? TraceParent { get; } = traceParent;

    /// <summary>Completed with the stored delivery id once the batch holding it has committed.</summary>
    public TaskCompletionSource<long> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
