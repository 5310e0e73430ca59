namespace AiSales.Core.Inbound;

/// <summary>The Meta channel a webhook delivery belongs to (matches the channel account's <c>platform</c>).</summary>
public enum MetaPlatform
{
    Instagram,
    Messenger,
    WhatsApp,
}

public static class MetaPlatformNames
{
    /// <summary>The lower-case wire/config name (instagram|messenger|whatsapp).</summary>
    public static string ToName(this MetaPlatform platform) => platform switch
    {
        MetaPlatform.Instagram => "instagram",
        MetaPlatform.Messenger => "messenger",
        MetaPlatform.WhatsApp => "whatsapp",
        _ => platform.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? name, out MetaPlatform platform)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "instagram": platform = MetaPlatform.Instagram; return true;
            case "messenger" or "page" or "facebook": platform = MetaPlatform.Messenger; return true;
            case "whatsapp" or "whatsapp_business_account": platform = MetaPlatform.WhatsApp; return true;
            default: platform = default; return false;
        }
    }
}
