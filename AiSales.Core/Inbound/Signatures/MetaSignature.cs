using System.Security.Cryptography;
using System.Text;

namespace AiSales.Core.Inbound.Signatures;

/// <summary>Produces the <c>X-Hub-Signature-256</c> value Meta would send (for the simulator, tests and bench).</summary>
public static class MetaSignature
{
    public const string HeaderName = "X-Hub-Signature-256";
    public const string Prefix = "sha256=";

    /// <summary>"sha256=" + lowercase hex HMAC-SHA256 of the exact bytes, keyed with the UTF-8 secret.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }
}
