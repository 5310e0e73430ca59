using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Channels;

/// <summary>Stores a fresh token, marks the account active and re-enqueues the sends parked while it needed reconnecting.</summary>
public interface IChannelReconnect
{
    /// <returns>How many parked sends were re-enqueued.</returns>
    Task<int> ReconnectAsync(Guid channelAccountId, byte[] encryptedToken, CancellationToken ct);
}

/// <summary>
/// Stopgap until the send pipeline's ChannelReconnector (AiSales.Core/Sending) is on main: stores the token and
/// flips the status, but cannot resume parked sends (reports 0). Swap the registration when it lands.
/// </summary>
public sealed class TokenOnlyReconnect(MerchantData data, TimeProvider clock) : IChannelReconnect
{
    public Task<int> ReconnectAsync(Guid channelAccountId, byte[] encryptedToken, CancellationToken ct) =>
        data.RunAsync(async (db, merchantId) =>
        {
            await db.ChannelAccounts.Where(a => a.Id == channelAccountId && a.MerchantId == merchantId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.AccessTokenEncrypted, encryptedToken).SetProperty(a => a.Status, ChannelStatus.Active)
                    .SetProperty(a => a.LastError, (string?)null).SetProperty(a => a.UpdatedAt, clock.GetUtcNow()), ct);
            return 0;
        }, ct);
}
