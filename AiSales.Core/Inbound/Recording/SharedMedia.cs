using AiSales.Core.Inbound.Events;

namespace AiSales.Core.Inbound.Recording;

/// <summary>
/// The Instagram media id of a post or reel a customer shared in a DM. An <c>ig_post</c> share names it
/// (<c>ig_post_media_id</c>); a legacy <c>share</c> carries only a lookaside CDN link whose <c>asset_id</c> is the same id
/// (instagram_ig_post_share_chatwoot.json shows both on one share).
/// </summary>
public static class SharedMedia
{
    public static string? IdOf(IReadOnlyList<InboundAttachment> attachments)
    {
        foreach (var a in attachments)
        {
            if (!string.IsNullOrWhiteSpace(a.MediaId)) return a.MediaId.Trim();
            if (AssetIdOf(a.Url) is { } asset) return asset;
        }
        return null;
    }

    /// <summary>The <c>asset_id</c> of a https link on Meta's lookaside CDN; null for any other link.</summary>
    public static string? AssetIdOf(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !uri.Host.Equals("lookaside.fbsbx.com", StringComparison.OrdinalIgnoreCase)) return null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0 && pair[..eq] == "asset_id" && pair[(eq + 1)..] is { Length: > 0 } value && value.All(char.IsAsciiDigit)) return value;
        }
        return null;
    }
}
