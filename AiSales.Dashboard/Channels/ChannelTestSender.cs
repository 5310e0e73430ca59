using AiSales.Core.Audit;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;
using AiSales.Core.Tenancy;

namespace AiSales.Dashboard.Channels;

public sealed record TestSendResult(bool Ok, string? ExternalMessageId, string? Error);

/// <summary>
/// "Test send": one short text straight through the account's adapter (ChannelSenderRegistry) with the decrypted token,
/// showing the adapter's SendResult. Deliberately outside the outbound queue: there is no conversation to attach a
/// message row to, and the point is to check the token and the recipient id now, not to deliver reliably. Meta only
/// delivers to a user who messaged the account in the last 24 h, which the result's error says when it applies.
/// For the sandbox provider the adapter records the send and reports success (nothing leaves the machine).
/// </summary>
public sealed class ChannelTestSender(ChannelService channels, ChannelSenderRegistry senders, MerchantData data, ICurrentMerchant current,
    ILogger<ChannelTestSender> logger)
{
    public async Task<TestSendResult> SendAsync(Guid accountId, string recipientId, string text, CancellationToken ct = default)
    {
        recipientId = recipientId.Trim();
        if (recipientId.Length is 0 or > 64 || !recipientId.All(char.IsAsciiLetterOrDigit)) return new(false, null, "recipient id: digits/letters only");
        if (string.IsNullOrWhiteSpace(text)) text = "Test ✓";
        if (await channels.ReadForSendAsync(accountId, ct) is not { } found) return new(false, null, "not found");
        var (account, token) = found;
        if (account.Status == ChannelStatus.Disabled) return new(false, null, "channel is disabled");
        if (token is null && account.Provider != ChannelProvider.Sandbox) return new(false, null, "no token stored");
        var (platform, provider) = (account.Platform, account.Provider);
        if (!senders.TryGet(platform, provider, out var sender)) return new(false, null, $"no sender for {platform}/{provider}");

        var send = new AiSales.Core.Sending.Transports.SendRequest(platform, provider, account.ExternalId, recipientId, text.Trim(), $"test:{Guid.NewGuid():N}");
        var result = await sender.SendAsync(send, new ChannelCredentials(token ?? "sandbox"), ct);
        var ok = result.Outcome == SendOutcome.Sent;
        logger.LogInformation("Test send on channel {ChannelAccountId}: {Outcome} {ErrorCode}", accountId, result.Outcome, result.ErrorCode);
        await data.RunAsync((db, merchantId) => new AuditLog(db).RecordAsync(merchantId, current.UserId, AuditActions.ChannelTestSend, "channel_account",
            accountId.ToString(), new { outcome = result.Outcome.ToString(), code = result.ErrorCode }, ct), ct);
        return new(ok, result.ExternalMessageId, ok ? null : $"{result.Outcome}: {result.ErrorMessage} {(result.ErrorCode is { } c ? $"(code {c})" : "")}".Trim());
    }
}
