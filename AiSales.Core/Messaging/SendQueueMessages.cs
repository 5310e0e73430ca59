using Wolverine.Attributes;

namespace AiSales.Core.Messaging;

// These two were declared in AiSales.Core.Sending before the messages moved here; the identity keeps the name Wolverine
// stored with envelopes already waiting in a running installation's queues, so an upgrade does not strand them.

/// <summary>
/// Queue message: look again at a send whose outcome is unknown (the request may have reached the platform).
/// <paramref name="Check"/> counts from 1 up to the number of <c>SendingOptions.ReconcileDelays</c>.
/// </summary>
[MessageIdentity("AiSales.Core.Sending.ReconcileSend")]
public sealed record ReconcileSend(Guid MessageId, int Check);

/// <summary>Queue message: a channel account got a fresh token; send what was parked waiting for it.</summary>
[MessageIdentity("AiSales.Core.Sending.ChannelReconnected")]
public sealed record ChannelReconnected(Guid ChannelAccountId);
