namespace AiSales.Core.Channels.Sending;

/// <summary>Who carries a channel account's traffic (matches the channel account's <c>provider</c>).</summary>
public enum ChannelProvider
{
    Meta,
    ManyChat,
    Sandbox,
}

public static class ChannelProviderNames
{
    /// <summary>The lower-case config/database name (meta|manychat|sandbox).</summary>
    public static string ToName(this ChannelProvider provider) => provider switch
    {
        ChannelProvider.Meta => "meta",
        ChannelProvider.ManyChat => "manychat",
        ChannelProvider.Sandbox => "sandbox",
        _ => provider.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? name, out ChannelProvider provider)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "meta": provider = ChannelProvider.Meta; return true;
            case "manychat": provider = ChannelProvider.ManyChat; return true;
            case "sandbox": provider = ChannelProvider.Sandbox; return true;
            default: provider = default; return false;
        }
    }
}
