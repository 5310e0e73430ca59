using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace AiSales.Dashboard.ApiKeys;

/// <summary>
/// <c>ask_&lt;prefix&gt;_&lt;secret&gt;</c>: the prefix (8 lower-case letters/digits) is public and finds the row, the
/// secret (40 letters/digits, ~238 bits) is only ever stored as its SHA-256. "ask_" makes a leaked key easy to
/// recognise in logs and secret scanners.
/// </summary>
public static class ApiKeyFormat
{
    public const string Marker = "ask_";
    public const int PrefixLength = 8;
    public const int SecretLength = 40;

    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Prefix, string Secret, string Plaintext) Generate()
    {
        var prefix = new string(RandomNumberGenerator.GetItems<char>(PrefixAlphabet, PrefixLength));
        var secret = new string(RandomNumberGenerator.GetItems<char>(SecretAlphabet, SecretLength));
        return (prefix, secret, $"{Marker}{prefix}_{secret}");
    }

    /// <summary>Splits a presented key; false for anything that is not shaped like one of ours.</summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out string? prefix, [NotNullWhen(true)] out string? secret)
    {
        prefix = secret = null;
        key = key?.Trim();
        if (key is null || key.Length != Marker.Length + PrefixLength + 1 + SecretLength || !key.StartsWith(Marker, StringComparison.Ordinal))
            return false;
        var p = key.Substring(Marker.Length, PrefixLength);
        if (key[Marker.Length + PrefixLength] != '_') return false;
        var s = key[(Marker.Length + PrefixLength + 1)..];
        if (!p.All(c => PrefixAlphabet.Contains(c)) || !s.All(c => SecretAlphabet.Contains(c)))
            return false;
        prefix = p;
        secret = s;
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
