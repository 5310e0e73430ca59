using System.Security.Cryptography;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Simulator;

/// <summary>
/// The simulator page's side of the sandbox: which sandbox account the merchant has, a customer id to play, the thread
/// as stored (SimulatorFeed; the page's LiveSimulatorThread reads it again on the merchant's change signals). The
/// customer id is only ever looked up within the current merchant, so guessing another shop's simulated customer shows nothing.
/// </summary>
public sealed class SimulatorSession(MerchantData data, ICurrentMerchant current, SimulatorFeed feed, SimulatorClient client, SimulatedCustomerProfile profiles)
{
    /// <summary>Digits only, like a real IGSID (the normalizer and contact upsert treat it as one).</summary>
    public static string NewCustomerId() => "7" + string.Concat(Enumerable.Range(0, 15).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));

    /// <summary>A stable default per signed-in user, so coming back to the page continues the same chat.</summary>
    public string DefaultCustomerId()
    {
        var seed = SHA256.HashData((current.UserId ?? Guid.Empty).ToByteArray());
        return "7" + string.Concat(seed.Take(15).Select(b => (char)('0' + b % 10)));
    }

    /// <summary>The name this customer id plays (shown on the page, and the contact's display name in the inbox).</summary>
    public static string CustomerName(string customerId) => SimulatedCustomerNames.For(customerId);

    public static bool IsValidCustomerId(string? id) => id is { Length: >= 5 and <= 32 } && id.All(char.IsAsciiDigit);

    public Task<string?> SandboxExternalIdAsync(CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => db.ChannelAccounts.AsNoTracking()
            .Where(a => a.MerchantId == merchantId && a.Provider == ChannelProvider.Sandbox && a.Platform == ChannelPlatform.Instagram && a.Status == ChannelStatus.Active)
            .OrderBy(a => a.CreatedAt).Select(a => a.ExternalId).FirstOrDefaultAsync(ct), ct);

    public Task<SimulatorThread> ThreadAsync(string customerId, CancellationToken ct = default) =>
        feed.GetThreadAsync(current.RequireMerchantId(), customerId, null, ct);

    public async Task<SimulatorSendResult> SayAsync(string customerId, string text, CancellationToken ct = default)
    {
        if (await SandboxExternalIdAsync(ct) is not { } account) return new("", false, null, "no sandbox channel");
        // Instagram sends no names: record it where a profile lookup would, before the message creates the contact.
        await profiles.SaveNameAsync(current.RequireMerchantId(), account, customerId, CustomerName(customerId), ct);
        return await client.SendCustomerMessageAsync(account, customerId, text.Trim(), ct: ct);
    }
}
