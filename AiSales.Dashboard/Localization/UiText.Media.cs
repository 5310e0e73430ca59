namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>Customers' media in the inbox (docs/media.md): voice notes and their transcripts.</summary>
    private static Dictionary<string, (string Ar, string En)> MediaTexts() => new()
    {
        ["msg.voiceNote"] = ("بصمة صوتية", "Voice note"),
        ["msg.transcript"] = ("نص البصمة:", "Transcript:"),
    };
}
