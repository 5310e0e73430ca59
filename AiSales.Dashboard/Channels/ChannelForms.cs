using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Localization;

namespace AiSales.Dashboard.Channels;

/// <summary>Connect-by-token form. The token is write-only: it is encrypted on save and never rendered back.</summary>
public sealed class ConnectChannelForm
{
    public string Platform { get; set; } = "instagram";
    public string Provider { get; set; } = "meta";
    public string ExternalId { get; set; } = "";
    public string? DisplayName { get; set; }
    public string AccessToken { get; set; } = "";

    /// <summary>Null when valid, else a string key of UiText (channels.error.*).</summary>
    public string? Validate()
    {
        if (EnumDisplay.ParseOrNull<ChannelPlatform>(Platform) is null) return "channels.error.platform";
        // The sandbox is seeded for the demo merchant only; a pasted token always means a real provider.
        if (EnumDisplay.ParseOrNull<ChannelProvider>(Provider) is not (ChannelProvider.Meta or ChannelProvider.ManyChat)) return "channels.error.provider";
        if (string.IsNullOrWhiteSpace(ExternalId) || ExternalId.Trim().Length > 64 || !ExternalId.Trim().All(char.IsAsciiLetterOrDigit))
            return "channels.error.externalId";
        if (string.IsNullOrWhiteSpace(AccessToken) || AccessToken.Trim().Length < 10) return "channels.error.token";
        return null;
    }
}

/// <summary>One row of the channels table (no token, only whether one is stored).</summary>
public sealed record ChannelRow(Guid Id, ChannelPlatform Platform, ChannelProvider Provider, string ExternalId, string? DisplayName,
    ChannelStatus Status, string? LastError, DateTimeOffset? TokenExpiresAt, bool HasToken, DateTimeOffset UpdatedAt);

/// <summary>What a connect/reconnect/disable did, for the page's notice.</summary>
public sealed record ChannelActionResult(bool Ok, string MessageKey, int Resumed = 0, string? Detail = null);
