namespace AiSales.Dashboard.Localization;

/// <summary>
/// Why a conversation needs a person (conversations.attention_reason, a code such as <c>wants_human</c>) in plain words,
/// in the viewer's language. A code this dashboard does not know (a newer worker, free text from older rows) gets the
/// generic "Needs a person" rather than the raw code.
/// </summary>
public static class AttentionReasonText
{
    public static string Render(string? code, UiPrefs p) =>
        code is { Length: > 0 } && p[$"attention.{code}"] is var s && s != $"attention.{code}" ? s : p["attention.unknown"];
}
