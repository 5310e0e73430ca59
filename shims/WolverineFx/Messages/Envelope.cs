namespace Wolverine;

/// <summary>The message plus the metadata that travels with it through the queue.</summary>
public sealed class Envelope
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";
    public const string CorrelationIdHeader = "correlation-id";
    public const string TrackingSessionHeader = "wolverine-tracking-session";

    public Guid Id { get; init; }
    public object? Message { get; set; }
    public string MessageType { get; init; } = "";

    /// <summary>Handler type name when this job targets one handler of a fanned-out message.</summary>
    public string? Handler { get; init; }

    /// <summary>1 on the first try; counts inline cooldown retries and durable redeliveries.</summary>
    public int Attempts { get; set; }

    public int MaxAttempts { get; init; }
    public int Priority { get; init; }
    public Dictionary<string, string?> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public string? CorrelationId => Headers.GetValueOrDefault(CorrelationIdHeader);
}
