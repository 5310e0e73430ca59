namespace AiSales.Core.Sending.Transports;

/// <summary>
/// The Graph hosts and version, bound from the shared <c>Meta</c> section
/// (<c>Meta:GraphApiBaseUrl</c>, <c>Meta:InstagramGraphApiBaseUrl</c>, <c>Meta:GraphApiVersion</c>).
/// Tests point the base URLs at local fakes.
/// </summary>
public sealed class MetaGraphEndpointOptions
{
    public const string SectionName = "Meta";

    public string GraphApiBaseUrl { get; set; } = "https://graph.facebook.com";

    public string InstagramGraphApiBaseUrl { get; set; } = "https://graph.instagram.com";

    public string GraphApiVersion { get; set; } = "v24.0";
}
