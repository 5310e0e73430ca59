using System.Security.Cryptography;
using System.Text.Json;

namespace AiSales.AppHost.State;

/// <summary>
/// The local installation's secrets, generated on first run into .aisales/secrets.json (0600) and reused after, so
/// the private database keeps its password and the demo login stays the same between runs.
/// </summary>
public sealed record DevelopmentSecrets(
    string MetaAppSecret,
    string VerifyToken,
    string OperatorApiKey,
    string EncryptionKey,
    string PostgresPassword,
    string RedisPassword,
    DemoAccount Demo)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static DevelopmentSecrets LoadOrCreate(string path)
    {
        if (File.Exists(path) && JsonSerializer.Deserialize<DevelopmentSecrets>(File.ReadAllText(path), Json) is { } existing)
            return existing;
        var created = new DevelopmentSecrets(
            MetaAppSecret: Token(32),
            VerifyToken: Token(24),
            OperatorApiKey: Token(32),
            EncryptionKey: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            PostgresPassword: Token(24),
            RedisPassword: Token(24),
            Demo: new DemoAccount("demo@aisales.local", DemoPassword(), Guid.NewGuid(), "17841400000000001"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(temp, JsonSerializer.Serialize(created, Json));
        File.Move(temp, path, overwrite: true);
        return created;
    }

    // Letters and digits only: these travel in connection strings and headers unescaped.
    private static string Token(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", length);

    /// <summary>Meets ASP.NET Core Identity's default rules: upper, lower, digit, symbol, at least 12 characters.</summary>
    private static string DemoPassword() => $"Demo-{Token(10)}a7Z!";
}

/// <summary>The dashboard login and sandbox Instagram account the demo merchant is seeded with.</summary>
public sealed record DemoAccount(string Email, string Password, Guid MerchantId, string ChannelExternalId);
