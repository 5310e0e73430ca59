using AiSales.Core.Conversions;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiSales.Dashboard.Crm;

public sealed record ConversionsPageModel(IReadOnlyList<CapiAccountView> Accounts, IReadOnlyList<CapiEventView> Events);

/// <summary>
/// What /crm/conversions draws and changes, for the current merchant only: <see cref="ConversionSettings"/> on the
/// tenant-bound connection of <see cref="MerchantData"/> (row-level security on top of the statements' own filter).
/// </summary>
public sealed class ConversionsPageData(MerchantData data, ConversionSettings settings)
{
    public Task<ConversionsPageModel> LoadAsync(CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            return new ConversionsPageModel(await ConversionSettings.AccountsAsync(conn, merchantId, ct),
                await ConversionSettings.EventsAsync(conn, merchantId, ConversionSettings.EventsShown, ct));
        }, ct);

    /// <summary>Null when saved, else the text key of the problem.</summary>
    public Task<string?> SetAsync(Guid accountId, bool enabled, string? datasetId, string? token, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => settings.SetAsync((NpgsqlConnection)db.Database.GetDbConnection(), merchantId, accountId, enabled, datasetId, token, ct), ct);

    public Task<bool> RetryAsync(long eventId, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => ConversionSettings.RetryAsync((NpgsqlConnection)db.Database.GetDbConnection(), merchantId, eventId, ct), ct);
}
