using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Channels;

/// <summary>
/// Channel platforms and providers by name: the stored text (<see cref="EnumText{TEnum}"/>) out, and the names Meta's
/// payloads and the configuration use in.
/// </summary>
public static class ChannelNames
{
    /// <summary>instagram | messenger | whatsapp: as stored, and as in configuration and metric tags.</summary>
    public static string ToName(this ChannelPlatform platform) => EnumText<ChannelPlatform>.ToText(platform);

    /// <summary>meta | manychat | sandbox.</summary>
    public static string ToName(this ChannelProvider provider) => EnumText<ChannelProvider>.ToText(provider);

    /// <summary>A platform by its stored name or by the <c>object</c> Meta's webhooks name it with (page, whatsapp_business_account).</summary>
    public static bool TryParse(string? name, out ChannelPlatform platform)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "instagram": platform = ChannelPlatform.Instagram; return true;
            case "messenger" or "page" or "facebook": platform = ChannelPlatform.Messenger; return true;
            case "whatsapp" or "whatsapp_business_account": platform = ChannelPlatform.WhatsApp; return true;
            default: platform = default; return false;
        }
    }
}
