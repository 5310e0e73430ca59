using System.Security.Cryptography;
using System.Text.Json;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Security;
using AiSales.Core.Sending.Transports;

namespace AiSales.Core.Sending;

/// <summary>
/// Decrypts a channel account's token for one send (the only place the plain token exists, and only for the call).
/// Channel settings (jsonb) may carry <c>token_flavour</c> ("instagram_login" | "page") and <c>send_as_id</c>
/// (the linked Page id of an Instagram account connected through Facebook Login).
/// </summary>
public sealed class ChannelCredentialsReader(TokenProtector protector)
{
    /// <returns>Null when the account has no usable token (missing or undecryptable): the channel needs a reconnect.</returns>
    public ChannelCredentials? Read(PendingSend send) =>
        Read(send.Platform, send.Provider, send.AccessTokenEncrypted, send.ChannelSettings);

    /// <returns>Null when the account has no usable token (missing or undecryptable): the channel needs a reconnect.</returns>
    public ChannelCredentials? Read(ChannelPlatform platform, Persistence.Entities.ChannelProvider provider, byte[]? accessTokenEncrypted, string? channelSettings)
    {
        var (flavour, sendAsId) = Settings(platform, channelSettings);
        if (provider == Persistence.Entities.ChannelProvider.Sandbox)
            return new ChannelCredentials("", flavour, sendAsId); // the sandbox records sends; it needs no token

        if (accessTokenEncrypted is not { Length: > 0 } encrypted) return null;
        try
        {
            return new ChannelCredentials(protector.Unprotect(encrypted), flavour, sendAsId);
        }
        catch (CryptographicException)
        {
            return null; // written under a key we no longer have: only a fresh token helps
        }
    }

    private static (TokenFlavour Flavour, string? SendAsId) Settings(ChannelPlatform platform, string? channelSettings)
    {
        string? flavourName = null, sendAsId = null;
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(channelSettings) ? "{}" : channelSettings);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("token_flavour", out var f) && f.ValueKind == JsonValueKind.String) flavourName = f.GetString();
                if (doc.RootElement.TryGetProperty("send_as_id", out var s) && s.ValueKind == JsonValueKind.String) sendAsId = s.GetString();
            }
        }
        catch (JsonException)
        {
            // Bad settings must not block sending; the defaults below apply.
        }

        // Instagram defaults to Instagram Login (graph.instagram.com) unless it was connected through a Page.
        var flavour = flavourName?.ToLowerInvariant() switch
        {
            "instagram_login" => TokenFlavour.InstagramLogin,
            "page" or "page_token" => TokenFlavour.PageToken,
            _ => platform == ChannelPlatform.Instagram && sendAsId is null ? TokenFlavour.InstagramLogin : TokenFlavour.PageToken,
        };
        return (flavour, sendAsId);
    }
}
