using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Sending.Transports.ManyChat;

/// <summary>
/// Configuration section <c>ManyChat</c>. The API key is per ManyChat page, so the normal place for it
/// is the channel account's encrypted token (passed in <c>ChannelCredentials.AccessToken</c>);
/// <see cref="ApiKey"/> is only the fallback for a single-tenant deployment whose accounts carry none.
/// </summary>
public sealed class ManyChatOptions
{
    public const string SectionName = "ManyChat";

    [Url]
    public string BaseUrl { get; set; } = "https://api.manychat.com";

    public string? ApiKey { get; set; }
}
