namespace AiSales.Core.Persistence.Entities;

/// <summary>needs_reconnect: the token expired (Graph error 190); messages stay queued until it is fixed.</summary>
public enum ChannelStatus
{
    Active,
    NeedsReconnect,
    Disabled
}
