using Microsoft.Extensions.Options;

namespace AiSales.Core.Security;

/// <summary>Fails start-up with a message naming the setting, instead of a crypto error on the first token.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.EncryptionKey))
            failures.Add("Security:EncryptionKey is missing. Set it (env Security__EncryptionKey) to base64 of 32 random bytes, e.g. `openssl rand -base64 32`.");
        else if (!TokenProtector.TryDecodeKey(options.EncryptionKey, out _))
            failures.Add("Security:EncryptionKey must be base64 of exactly 32 bytes.");

        var currentValid = TokenProtector.TryDecodeKey(options.EncryptionKey, out var current);
        for (var i = 0; i < options.PreviousEncryptionKeys.Count; i++)
        {
            if (!TokenProtector.TryDecodeKey(options.PreviousEncryptionKeys[i], out var previous))
                failures.Add($"Security:PreviousEncryptionKeys:{i} must be base64 of exactly 32 bytes.");
            // Tokens name their key by a one-byte id: a new key sharing the old one's id (1 in 256) would count the old
            // key's tokens as current, so re-encryption would skip them and removing the old key would lose them.
            else if (currentValid && !previous.AsSpan().SequenceEqual(current) && TokenProtector.KeyId(previous) == TokenProtector.KeyId(current))
                failures.Add($"Security:PreviousEncryptionKeys:{i} has the same key id as Security:EncryptionKey; generate another new key.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
