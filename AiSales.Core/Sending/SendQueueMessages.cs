namespace AiSales.Core.Sending;

/// <summary>
/// Queue message: look again at a send whose outcome is unknown (the request may have reached the platform).
/// <paramref name="Check"/> counts from 1 up to the number of <see cref="SendingOptions.ReconcileDelays"/>.
/// </summary>
public sealed record ReconcileSend(Guid MessageId, int Check);

/// <summary>Queue message: a channel account got a fresh token; send what was parked waiting for it.</summary>
public sealed record ChannelReconnected(Guid ChannelAccountId);
