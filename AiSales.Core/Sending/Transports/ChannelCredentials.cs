namespace AiSales.Core.Sending.Transports;

/// <summary>Which Graph host and id a Meta token is good for.</summary>
public enum TokenFlavour
{
    /// <summary>Instagram API with Instagram Login: graph.instagram.com/{ig-id}/messages, IG user token.</summary>
    InstagramLogin,

    /// <summary>Page (or WhatsApp system-user) token: graph.facebook.com/{page-id or phone-number-id}/messages.</summary>
    PageToken,
}

/// <summary>
/// The decrypted secret for one channel account. The caller decrypts; adapters only put the token in
/// the Authorization header (never in a URL, where HttpClient logging would record it) and never log it.
/// For ManyChat, <see cref="AccessToken"/> is the account's ManyChat API key.
/// <see cref="SendAsId"/> is the linked Facebook Page id for an Instagram account connected through
/// Facebook Login (the send goes to /{page-id}/messages); null means "use the account's own id".
/// </summary>
public sealed record ChannelCredentials(string AccessToken, TokenFlavour Flavour = TokenFlavour.PageToken, string? SendAsId = null)
{
    // Records print every property; keep the token out of ToString so a logged record cannot leak it.
    public override string ToString() => $"ChannelCredentials {{ Flavour = {Flavour}, SendAsId = {SendAsId}, AccessToken = *** }}";
}
