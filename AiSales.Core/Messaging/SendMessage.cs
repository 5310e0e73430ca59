namespace AiSales.Core.Messaging;

/// <summary>
/// Queue message: send one outbound <c>messages</c> row (direction outbound, status pending) whose
/// <c>outbound_sends</c> ledger row (state pending, idempotency_key) was committed in the same transaction.
/// </summary>
public sealed record SendMessage(Guid MessageId);
