using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Media;

/// <summary>
/// Section <c>MediaFetch</c>: how the Worker downloads a customer's photo or voice note (docs/media.md). The bytes live in
/// memory for the one reply that needs them and are never stored or logged.
/// </summary>
public sealed class MediaFetchOptions
{
    public const string SectionName = "MediaFetch";

    /// <summary>A photo larger than this is not downloaded (the reply asks which product it is).</summary>
    [Range(1024, 64 * 1024 * 1024)] public long MaxImageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>A voice note larger than this is not downloaded (the reply asks the customer to type).</summary>
    [Range(1024, 64 * 1024 * 1024)] public long MaxAudioBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>One attempt's time limit; transient failures (timeouts, 5xx, 429) are tried up to three times within <see cref="TotalTimeout"/>.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The only hosts media is fetched from (a host or any sub-domain of it): Meta's CDNs. A link to anywhere else in a
    /// webhook is refused, so a forged attachment cannot make the Worker call an internal address.
    /// </summary>
    [MinLength(1)] public string[] AllowedHosts { get; set; } = ["fbcdn.net", "fbsbx.com", "cdninstagram.com", "whatsapp.net"];

    /// <summary>Only https links (tests turn this off for their local fake).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Is this link one the fetcher may call?</summary>
    public bool Allows(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || (!RequireHttps && uri.Scheme == Uri.UriSchemeHttp))
        && AllowedHosts.Any(h => uri.Host.Equals(h, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
}
