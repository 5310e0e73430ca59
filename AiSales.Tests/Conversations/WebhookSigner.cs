using System.Security.Cryptography;
using System.Text;

namespace AiSales.Tests.Conversations;

/// <summary>
/// The runner signs as Meta does, with its own code rather than the service's: X-Hub-Signature-256 =
/// "sha256=" + lowercase hex HMAC-SHA256 of the raw body bytes, keyed with the app secret.
/// </summary>
public static class WebhookSigner
{
    public static string Sign(string appSecret, byte[] rawBody)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(appSecret));
        return "sha256=" + Convert.ToHexString(hmac.ComputeHash(rawBody)).ToLowerInvariant();
    }
}
