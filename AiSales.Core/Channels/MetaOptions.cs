using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Channels;

/// <summary>
/// Configuration section <c>Meta</c>: the one binding of it, read by ingest (signatures, handshake), the senders and
/// Graph clients (hosts and version) and the dashboard's Connect with Meta. The secrets are required only where they
/// are used: the Webhooks service adds a check for <see cref="AppSecrets"/> and <see cref="VerifyToken"/> on start,
/// while the Worker and Dashboard, which never verify a webhook, start without them.
/// </summary>
public sealed class MetaOptions
{
    public const string Section = "Meta";

    /// <summary>Secrets accepted for X-Hub-Signature-256. Several, so a secret can be rotated without
    /// dropping deliveries, and because Instagram-Login apps sign with the Instagram app secret.</summary>
    public string[] AppSecrets { get; set; } = [];

    /// <summary>Token Meta echoes in the GET verification handshake.</summary>
    public string VerifyToken { get; set; } = "";

    /// <summary>Our app id: an echo from any other app means a human wrote from the phone or Page inbox.</summary>
    public string? AppId { get; set; }

    /// <summary>Graph hosts and version; tests point the base URLs at local fakes.</summary>
    [Url] public string GraphApiBaseUrl { get; set; } = "https://graph.facebook.com";

    [Url] public string InstagramGraphApiBaseUrl { get; set; } = "https://graph.instagram.com";

    [RegularExpression(@"^v\d+\.\d+$", ErrorMessage = "Meta:GraphApiVersion must look like v24.0.")]
    public string GraphApiVersion { get; set; } = "v24.0";

    /// <summary>Host of Facebook Login's dialog (Connect with Meta); tests point it at a fake.</summary>
    [Url] public string OAuthDialogBaseUrl { get; set; } = "https://www.facebook.com";
}
