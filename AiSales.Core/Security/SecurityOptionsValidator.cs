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

        for (var i = 0; i < options.PreviousEncryptionKeys.Count; i++)
        {
            if (!TokenProtector.TryDecodeKey(options.PreviousEncryptionKeys[i], out _))
                failures.Add($"Security:PreviousEncryptionKeys:{i} must be base64 of exactly 32 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
