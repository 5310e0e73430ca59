using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Channels;

/// <summary>Meta app settings shared by ingest (signatures, handshake) and the senders (Graph URLs).</summary>
public sealed class MetaOptions
{
    public const string Section = "Meta";

    /// <summary>Secrets accepted for X-Hub-Signature-256. Several, so a secret can be rotated without
    /// dropping deliveries, and because Instagram-Login apps sign with the Instagram app secret.</summary>
    [MinLength(1, ErrorMessage = "Meta:AppSecrets needs at least one secret (env Meta__AppSecrets__0).")]
    public string[] AppSecrets { get; set; } = [];

    [Required(ErrorMessage = "Meta:VerifyToken is required (env Meta__VerifyToken).")]
    public string VerifyToken { get; set; } = "";

    public string? AppId { get; set; }

    [Url] public string GraphApiBaseUrl { get; set; } = "https://graph.facebook.com";

    [Url] public string InstagramGraphApiBaseUrl { get; set; } = "https://graph.instagram.com";

    public string GraphApiVersion { get; set; } = "v24.0";
}
