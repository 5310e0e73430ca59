using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace AiSales.Core.Inbound.Signatures;

public enum MetaSignatureFailure
{
    None,
    NoSecretsConfigured,
    MissingHeader,
    MissingPrefix,
    WrongLength,
    NotHex,
    Mismatch,
}

/// <summary>Outcome of a check: which configured secret matched (index into the list) or why it failed.</summary>
public readonly record struct MetaSignatureResult(bool IsValid, int SecretIndex, MetaSignatureFailure Failure)
{
    public static MetaSignatureResult Fail(MetaSignatureFailure failure) => new(false, -1, failure);
}

/// <summary>
/// Verifies <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> over the raw request bytes, exactly as received
/// (Meta signs its escaped-unicode body; re-serializing would change the bytes). Several secrets are
/// accepted: app-secret rotation, and Instagram-Login apps sign with the Instagram app secret.
/// Every configured secret is tried even after a match so timing does not reveal which one matched.
/// </summary>
public sealed class MetaSignatureVerifier
{
    private const int HashSize = HMACSHA256.HashSizeInBytes;
    private readonly byte[][] _keys;

    public MetaSignatureVerifier(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _keys = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => Encoding.UTF8.GetBytes(s!)).ToArray();
    }

    public int SecretCount => _keys.Length;

    public MetaSignatureResult Verify(string? header, ReadOnlySpan<byte> body) => Verify(header.AsSpan(), body, header is null);

    public MetaSignatureResult Verify(ReadOnlySpan<char> header, ReadOnlySpan<byte> body) => Verify(header, body, false);

    private MetaSignatureResult Verify(ReadOnlySpan<char> header, ReadOnlySpan<byte> body, bool missing)
    {
        if (_keys.Length == 0) return MetaSignatureResult.Fail(MetaSignatureFailure.NoSecretsConfigured);

        header = header.Trim();
        if (missing || header.IsEmpty) return MetaSignatureResult.Fail(MetaSignatureFailure.MissingHeader);
        if (!header.StartsWith(MetaSignature.Prefix, StringComparison.OrdinalIgnoreCase))
            return MetaSignatureResult.Fail(MetaSignatureFailure.MissingPrefix);

        var hex = header[MetaSignature.Prefix.Length..];
        if (hex.Length != HashSize * 2) return MetaSignatureResult.Fail(MetaSignatureFailure.WrongLength);

        Span<byte> expected = stackalloc byte[HashSize];
        if (Convert.FromHexString(hex, expected, out _, out var written) != OperationStatus.Done || written != HashSize)
            return MetaSignatureResult.Fail(MetaSignatureFailure.NotHex);

        Span<byte> actual = stackalloc byte[HashSize];
        var matched = -1;
        for (var i = 0; i < _keys.Length; i++)
        {
            HMACSHA256.HashData(_keys[i], body, actual);
            if (CryptographicOperations.FixedTimeEquals(actual, expected) && matched < 0) matched = i;
        }

        return matched >= 0
            ? new MetaSignatureResult(true, matched, MetaSignatureFailure.None)
            : MetaSignatureResult.Fail(MetaSignatureFailure.Mismatch);
    }
}
