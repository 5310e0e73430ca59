using System.Security.Cryptography;
using System.Text;
using AiSales.Core.Inbound.Signatures;

namespace AiSales.Tests.Inbound;

[Trait("Category", "Unit")]
public class MetaSignatureVerifierTests
{
    // Meta signs the escaped-unicode body as sent: these are the literal bytes \u00e4\u00f6\u00e5, a surrogate-pair
    // emoji escape and Arabic (Iraqi "shgad") escapes, not the decoded characters.
    private const string EscapedBody =
        @"{""object"":""instagram"",""entry"":[{""id"":""17841400538867190"",""messaging"":[{""message"":{""mid"":""m1"",""text"":""\u00e4\u00f6\u00e5 \ud83d\ude00 \u0634\u06af\u062f""}}]}]}";

    // Computed once offline: printf '%s' "$body" | openssl dgst -sha256 -hmac 'test-app-secret'
    private const string OpensslVector = "41a7c0dca4e1fd61553cd8e6e4f0169c5985bdaaf41791bcf4197382c36cb146";

    // openssl dgst -sha256 -hmac 'ig-app-secret-2' instagram_dm_text_real_raw_social_selling.json (byte-exact capture)
    private const string RealCaptureVector = "5c658dd57a34a61604098af999d7470905e56dc30561b7292a1ae73ec95e9a70";

    private static byte[] Body => Encoding.UTF8.GetBytes(EscapedBody);

    private static string Independent(string secret, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "sha256=" + string.Concat(hmac.ComputeHash(body).Select(b => b.ToString("x2")));
    }

    [Fact]
    public void Compute_matches_openssl_vector_over_escaped_unicode_bytes()
    {
        Assert.Contains(@"\ud83d\ude00", EscapedBody);
        Assert.Equal("sha256=" + OpensslVector, MetaSignature.Compute("test-app-secret", Body));
        Assert.Equal(Independent("test-app-secret", Body), MetaSignature.Compute("test-app-secret", Body));
    }

    [Fact]
    public void Compute_matches_openssl_vector_over_real_captured_body()
    {
        var raw = MetaFixtures.Bytes("instagram_dm_text_real_raw_social_selling.json");
        Assert.Equal("sha256=" + RealCaptureVector, MetaSignature.Compute("ig-app-secret-2", raw));
        var result = new MetaSignatureVerifier(["meta-app-secret", "ig-app-secret-2"]).Verify("sha256=" + RealCaptureVector, raw);
        Assert.Equal(new MetaSignatureResult(true, 1, MetaSignatureFailure.None), result);
    }

    [Fact]
    public void Decoded_unicode_bytes_do_not_verify()
    {
        var header = MetaSignature.Compute("test-app-secret", Body);
        var decoded = Encoding.UTF8.GetBytes(EscapedBody
            .Replace(@"\u00e4\u00f6\u00e5", "\u00e4\u00f6\u00e5")
            .Replace(@"\ud83d\ude00", "\ud83d\ude00"));
        var result = new MetaSignatureVerifier(["test-app-secret"]).Verify(header, decoded);
        Assert.Equal(MetaSignatureFailure.Mismatch, result.Failure);
    }

    [Fact]
    public void Valid_signature_matches_first_secret()
    {
        var result = new MetaSignatureVerifier(["test-app-secret"]).Verify(Independent("test-app-secret", Body), Body);
        Assert.True(result.IsValid);
        Assert.Equal(0, result.SecretIndex);
    }

    [Fact]
    public void Second_secret_in_list_matches_for_rotation()
    {
        var result = new MetaSignatureVerifier(["old-secret", "", "test-app-secret"]).Verify(MetaSignature.Compute("test-app-secret", Body), Body);
        Assert.True(result.IsValid);
        Assert.Equal(1, result.SecretIndex); // empty secrets are skipped, so the list is [old, test]
    }

    [Fact]
    public void Wrong_secret_is_a_mismatch()
    {
        var result = new MetaSignatureVerifier(["another-secret"]).Verify(MetaSignature.Compute("test-app-secret", Body), Body);
        Assert.Equal(new MetaSignatureResult(false, -1, MetaSignatureFailure.Mismatch), result);
    }

    [Fact]
    public void Tampered_byte_is_a_mismatch()
    {
        var header = MetaSignature.Compute("test-app-secret", Body);
        var tampered = Body;
        tampered[^5] ^= 0x01;
        Assert.Equal(MetaSignatureFailure.Mismatch, new MetaSignatureVerifier(["test-app-secret"]).Verify(header, tampered).Failure);
    }

    [Fact]
    public void Uppercase_hex_and_prefix_are_accepted()
    {
        var verifier = new MetaSignatureVerifier(["test-app-secret"]);
        Assert.True(verifier.Verify("sha256=" + OpensslVector.ToUpperInvariant(), Body).IsValid);
        Assert.True(verifier.Verify("SHA256=" + OpensslVector, Body).IsValid);
        Assert.True(verifier.Verify("  sha256=" + OpensslVector + " ", Body).IsValid);
    }

    [Theory]
    [InlineData(null, MetaSignatureFailure.MissingHeader)]
    [InlineData("", MetaSignatureFailure.MissingHeader)]
    [InlineData(OpensslVector, MetaSignatureFailure.MissingPrefix)]
    [InlineData("sha1=" + OpensslVector, MetaSignatureFailure.MissingPrefix)]
    [InlineData("sha256=" + "41a7c0dca4e1fd61553cd8e6e4f0169c5985bdaaf41791bcf4197382c36cb1", MetaSignatureFailure.WrongLength)]
    [InlineData("sha256=" + OpensslVector + "00", MetaSignatureFailure.WrongLength)]
    [InlineData("sha256=zza7c0dca4e1fd61553cd8e6e4f0169c5985bdaaf41791bcf4197382c36cb146", MetaSignatureFailure.NotHex)]
    [InlineData("sha256=g1a7c0dca4e1fd61553cd8e6e4f0169c5985bdaaf41791bcf4197382c36cb146", MetaSignatureFailure.NotHex)]
    public void Malformed_headers_are_rejected_with_a_reason(string? header, MetaSignatureFailure expected)
    {
        var result = new MetaSignatureVerifier(["test-app-secret"]).Verify(header, Body);
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Failure);
        Assert.Equal(-1, result.SecretIndex);
    }

    [Fact]
    public void No_configured_secrets_never_verifies()
    {
        var result = new MetaSignatureVerifier([null, ""]).Verify(MetaSignature.Compute("test-app-secret", Body), Body);
        Assert.Equal(MetaSignatureFailure.NoSecretsConfigured, result.Failure);
    }
}
