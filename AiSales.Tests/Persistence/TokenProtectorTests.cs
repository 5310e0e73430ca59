using System.Security.Cryptography;
using AiSales.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiSales.Tests.Persistence;

[Trait("Category", "Unit")]
public sealed class TokenProtectorTests
{
    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static TokenProtector Protector(string key, params string[] previous) =>
        new(Options.Create(new SecurityOptions { EncryptionKey = key, PreviousEncryptionKeys = [.. previous] }));

    [Fact]
    public void Round_trips_and_never_contains_the_plaintext()
    {
        var protector = Protector(NewKey());
        const string token = "EAAGm0PX4ZCpsBAKZC-access-token-توكن";

        var sealedBytes = protector.Protect(token);

        Assert.Equal(token, protector.Unprotect(sealedBytes));
        Assert.DoesNotContain("access-token", System.Text.Encoding.UTF8.GetString(sealedBytes));
        Assert.NotEqual(sealedBytes, protector.Protect(token)); // fresh nonce each time
    }

    [Theory]
    [InlineData(1)]   // key id byte
    [InlineData(5)]   // nonce
    [InlineData(20)]  // tag
    [InlineData(-1)]  // last ciphertext byte
    public void Any_altered_byte_is_detected(int position)
    {
        var protector = Protector(NewKey());
        var sealedBytes = protector.Protect("secret-token");
        var index = position < 0 ? sealedBytes.Length + position : position;
        sealedBytes[index] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedBytes));
    }

    [Fact]
    public void Old_key_still_decrypts_after_rotation_but_a_foreign_key_does_not()
    {
        var oldKey = NewKey();
        var sealedWithOld = Protector(oldKey).Protect("token-v1");

        var rotated = Protector(NewKey(), oldKey);
        Assert.Equal("token-v1", rotated.Unprotect(sealedWithOld));
        Assert.True(rotated.NeedsReencryption(sealedWithOld));
        Assert.False(rotated.NeedsReencryption(rotated.Protect("token-v2")));

        Assert.ThrowsAny<CryptographicException>(() => Protector(NewKey()).Unprotect(sealedWithOld));
    }

    [Theory]
    [InlineData(null, "Security:EncryptionKey is missing")]
    [InlineData("dG9vLXNob3J0", "exactly 32 bytes")]
    public void Missing_or_bad_key_fails_validation_naming_the_setting(string? key, string expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Security:EncryptionKey"] = key }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddTokenProtection().BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SecurityOptions>>().Value);
        Assert.Contains(expected, ex.Message);
        Assert.Contains("Security:EncryptionKey", ex.Message);
    }

    [Fact]
    public void A_previous_key_with_the_current_keys_id_fails_validation()
    {
        // Key ids are one byte of SHA-256: find a second key sharing the current key's id (about 256 tries).
        var current = RandomNumberGenerator.GetBytes(32);
        byte[] twin;
        do twin = RandomNumberGenerator.GetBytes(32);
        while (SHA256.HashData(twin)[0] != SHA256.HashData(current)[0]);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:EncryptionKey"] = Convert.ToBase64String(current),
            ["Security:PreviousEncryptionKeys:0"] = Convert.ToBase64String(twin),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddTokenProtection().BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SecurityOptions>>().Value);
        Assert.Contains("Security:PreviousEncryptionKeys:0 has the same key id", ex.Message);
    }

    [Fact]
    public void Valid_configuration_resolves_a_working_protector()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Security:EncryptionKey"] = NewKey() }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddTokenProtection().BuildServiceProvider();

        var protector = services.GetRequiredService<TokenProtector>();
        Assert.Equal("x", protector.Unprotect(protector.Protect("x")));
    }
}
