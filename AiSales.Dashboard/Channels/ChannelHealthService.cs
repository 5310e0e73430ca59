using AiSales.Core.Channels.Health;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiSales.Dashboard.Channels;

/// <summary>
/// The health page of a WhatsApp number and the Channels page's alert banner: <see cref="ChannelHealthQueries"/> on the
/// tenant-bound connection of <see cref="MerchantData"/> (RLS on top of the queries' own merchant filter).
/// </summary>
public sealed class ChannelHealthService(MerchantData data, TimeProvider clock)
{
    public Task<ChannelHealth?> GetAsync(Guid channelAccountId, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) =>
            ChannelHealthQueries.GetAsync((NpgsqlConnection)db.Database.GetDbConnection(), merchantId, channelAccountId, clock.GetUtcNow(), ct), ct);

    public Task<IReadOnlyList<ChannelAlertView>> OpenAlertsAsync(CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => ChannelHealthQueries.OpenAlertsAsync((NpgsqlConnection)db.Database.GetDbConnection(), merchantId, ct), ct);
}
