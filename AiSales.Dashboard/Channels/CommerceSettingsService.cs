using System.Security.Cryptography;
using AiSales.Core.Commerce;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Security;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Channels;

/// <summary>What the shop-settings page shows for one WhatsApp number: its settings as Meta has them, or why not.</summary>
public sealed record CommerceSettingsView(Guid ChannelId, string Name, string PhoneNumberId, CommerceSettings? Settings, string? ProblemCode, string? Detail);

/// <summary>
/// A WhatsApp number's commerce settings (cart on, catalog icon shown), read from and written to Meta with the number's
/// own token (GET/POST /{phone-number-id}/whatsapp_commerce_settings). Nothing is stored here: Meta holds the settings.
/// </summary>
public sealed class CommerceSettingsService(MerchantData data, MetaCatalogClient meta, ILogger<CommerceSettingsService> logger, TokenProtector? protector = null)
{
    /// <summary>The number is a sandbox/ManyChat one, or has no usable token: there is nothing to ask Meta with.</summary>
    public const string NotMeta = "not_meta";

    /// <summary>Null when the id is not one of this merchant's WhatsApp numbers.</summary>
    public async Task<CommerceSettingsView?> LoadAsync(Guid channelId, CancellationToken ct = default)
    {
        var number = await NumberAsync(channelId, ct);
        if (number is null) return null;
        if (number.Value.Token is not { } token) return View(number.Value, null, NotMeta, null);
        var read = await meta.GetCommerceSettingsAsync(number.Value.PhoneNumberId, token, ct);
        return View(number.Value, read.Value, read.Failure?.ErrorCode, read.Failure?.Message);
    }

    /// <summary>Sets both flags, then reads them back (so the page shows what Meta now has).</summary>
    public async Task<CommerceSettingsView?> SaveAsync(Guid channelId, CommerceSettings settings, CancellationToken ct = default)
    {
        var number = await NumberAsync(channelId, ct);
        if (number is null) return null;
        if (number.Value.Token is not { } token) return View(number.Value, null, NotMeta, null);
        var set = await meta.SetCommerceSettingsAsync(number.Value.PhoneNumberId, token, settings, ct);
        logger.LogInformation("Commerce settings of WhatsApp number {ChannelAccountId}: cart {Cart}, catalog {Catalog} → {Outcome}",
            channelId, settings.CartEnabled, settings.CatalogVisible, set.Failure?.ErrorCode ?? "ok");
        if (!set.Ok) return View(number.Value, null, set.Failure!.ErrorCode, set.Failure.Message);
        var read = await meta.GetCommerceSettingsAsync(number.Value.PhoneNumberId, token, ct);
        return View(number.Value, read.Value ?? settings, null, null);
    }

    private static CommerceSettingsView View((Guid Id, string Name, string PhoneNumberId, string? Token) n, CommerceSettings? s, string? code, string? detail) =>
        new(n.Id, n.Name, n.PhoneNumberId, s, code, detail);

    private async Task<(Guid Id, string Name, string PhoneNumberId, string? Token)?> NumberAsync(Guid channelId, CancellationToken ct)
    {
        var row = await data.RunAsync((db, merchantId) => db.ChannelAccounts.AsNoTracking()
            .Where(a => a.Id == channelId && a.MerchantId == merchantId && a.Platform == ChannelPlatform.WhatsApp)
            .Select(a => new { a.Id, a.DisplayName, a.ExternalId, a.Provider, a.AccessTokenEncrypted }).FirstOrDefaultAsync(ct), ct);
        if (row is null) return null;
        string? token = null;
        if (row.Provider == ChannelProvider.Meta && row.AccessTokenEncrypted is { Length: > 0 } encrypted && protector is not null)
        {
            try { token = protector.Unprotect(encrypted); }
            catch (CryptographicException) { token = null; }
        }
        return (row.Id, row.DisplayName ?? row.ExternalId, row.ExternalId, token);
    }
}
