using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Security;

/// <summary>
/// Encrypts channel access tokens for channel_accounts.access_token_encrypted with AES-256-GCM.
/// Layout: [version=1][key id][12-byte nonce][16-byte tag][ciphertext]. The key id is the first byte of
/// SHA-256(key), so after a rotation old rows still name the key that can open them; the two header
/// bytes are authenticated as associated data, so they cannot be altered either.
/// </summary>
public sealed class TokenProtector
{
    private const byte FormatVersion = 1;
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 2;

    private readonly byte[] _currentKey;
    private readonly byte _currentKeyId;
    private readonly List<(byte Id, byte[] Key)> _decryptionKeys = [];

    public TokenProtector(IOptions<SecurityOptions> options)
    {
        var value = options.Value;
        if (!TryDecodeKey(value.EncryptionKey, out var current))
            throw new InvalidOperationException("Security:EncryptionKey must be base64 of exactly 32 bytes.");
        _currentKey = current;
        _currentKeyId = KeyId(current);
        _decryptionKeys.Add((_currentKeyId, current));
        foreach (var previous in value.PreviousEncryptionKeys)
        {
            if (!TryDecodeKey(previous, out var key))
                throw new InvalidOperationException("Every Security:PreviousEncryptionKeys entry must be base64 of exactly 32 bytes.");
            _decryptionKeys.Add((KeyId(key), key));
        }
    }

    public byte[] Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[HeaderSize + NonceSize + TagSize + plain.Length];
        output[0] = FormatVersion;
        output[1] = _currentKeyId;
        var nonce = output.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_currentKey, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(HeaderSize + NonceSize + TagSize), output.AsSpan(HeaderSize + NonceSize, TagSize), output.AsSpan(0, HeaderSize));
        return output;
    }

    /// <exception cref="CryptographicException">Tampered data, unknown format, or no configured key opens it.</exception>
    public string Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        if (protectedData.Length < HeaderSize + NonceSize + TagSize || protectedData[0] != FormatVersion)
            throw new CryptographicException("Not a protected token (unknown format).");

        var keyId = protectedData[1];
        var nonce = protectedData.AsSpan(HeaderSize, NonceSize);
        var tag = protectedData.AsSpan(HeaderSize + NonceSize, TagSize);
        var cipher = protectedData.AsSpan(HeaderSize + NonceSize + TagSize);
        var plain = new byte[cipher.Length];

        // Key ids are one byte, so two keys can share one: try each candidate.
        foreach (var (id, key) in _decryptionKeys)
        {
            if (id != keyId)
                continue;
            try
            {
                using var aes = new AesGcm(key, TagSize);
                aes.Decrypt(nonce, cipher, tag, plain, protectedData.AsSpan(0, HeaderSize));
                return Encoding.UTF8.GetString(plain);
            }
            catch (AuthenticationTagMismatchException)
            {
            }
        }
        throw new CryptographicException("The token could not be decrypted: it was altered, or none of the configured keys encrypted it.");
    }

    /// <summary>True when the data was encrypted with a key other than the current one (re-encrypt it).</summary>
    /// <summary>Key id written into new tokens (byte 1 of the layout); lets a SQL filter find rows still under an older key.</summary>
    public byte CurrentKeyId => _currentKeyId;

    public bool NeedsReencryption(byte[] protectedData) => protectedData.Length < HeaderSize || protectedData[1] != _currentKeyId;

    internal static bool TryDecodeKey(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
            return false;
        var buffer = new byte[KeySize + 3];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written != KeySize)
            return false;
        key = buffer[..KeySize];
        return true;
    }

    internal static byte KeyId(byte[] key) => SHA256.HashData(key)[0];
}
