namespace AiSales.Core.Security;

/// <summary>Configuration section "Security".</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Base64 of 32 random bytes; encrypts channel tokens at rest (env Security__EncryptionKey).</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Keys rotated out: still accepted for decryption, never used to encrypt.</summary>
    public List<string> PreviousEncryptionKeys { get; set; } = [];
}
