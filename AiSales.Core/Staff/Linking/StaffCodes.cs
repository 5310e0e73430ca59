using AiSales.Core.Text;
using System.Security.Cryptography;
using System.Text;

namespace AiSales.Core.Staff.Linking;

/// <summary>
/// The 6-digit code that proves a team member holds the phone. Only its hash is kept on staff_phones (bound to the row's
/// id, so two rows with the same code never share a hash); the plain code exists in the message sent to the phone
/// and nowhere else we write, logs included.
/// </summary>
public static class StaffCodes
{
    public const int Length = 6;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    /// <summary>Wrong codes allowed per code: 5 guesses of 10^6 leave a guesser no real chance.</summary>
    public const int MaxAttempts = 5;
    /// <summary>A new code at most this often: each one is a WhatsApp message to someone's phone.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(1);
    public const string Intent = "staff.code";

    public static string New() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static byte[] Hash(Guid staffPhoneId, string code) => SHA256.HashData(Encoding.ASCII.GetBytes($"{staffPhoneId:N}:{code}"));

    /// <summary>Constant-time: how long a comparison takes says nothing about how many digits were right.</summary>
    public static bool Matches(Guid staffPhoneId, string? typed, byte[]? hash)
    {
        if (hash is null || Clean(typed) is not { } code) return false;
        return CryptographicOperations.FixedTimeEquals(Hash(staffPhoneId, code), hash);
    }

    /// <summary>The code as typed or pasted ("١٢٣ ٤٥٦", " 123-456 ") in ASCII digits, or null when it is not 6 digits.</summary>
    public static string? Clean(string? typed)
    {
        if (typed is null) return null;
        var sb = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (Digits.Fold(c) is var ascii && char.IsAsciiDigit(ascii)) sb.Append(ascii);
            else if (!char.IsWhiteSpace(c) && c != '-') return null;
        }
        return sb.Length == Length ? sb.ToString() : null;
    }

    /// <summary>The WhatsApp message: Arabic first, then English, the code in Latin digits (what the field expects).</summary>
    public static string Message(string shopName, string code) =>
        $"رمز ربط رقمك بفريق {shopName} في AiSales: {code} (صالح 10 دقائق)\nYour AiSales team code for {shopName}: {code} (valid for 10 minutes)";
}
