namespace AiSales.Core.Messaging;

/// <summary>Queue message: send the pending outbound message whose messages row and outbound_sends ledger row were committed with this job.</summary>
public sealed record SendMessage(Guid MessageId);
