namespace AiSales.Core.Sending.Transports;

/// <summary>Removes a secret from text that will be stored, logged or shown (error messages echo request parts sometimes).</summary>
public static class SecretScrubber
{
    public static string? Scrub(string? text, string? secret) =>
        text is null || string.IsNullOrEmpty(secret) || secret.Length < 4
            ? text
            : text.Replace(secret, "***", StringComparison.Ordinal);

    public static SendResult Scrub(SendResult result, string? secret) =>
        result.ErrorMessage is null ? result : result with { ErrorMessage = Scrub(result.ErrorMessage, secret) };
}
