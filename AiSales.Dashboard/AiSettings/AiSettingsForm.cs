using System.Globalization;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Dashboard.AiSettings;

/// <summary>Editable view of merchants.ai_settings: lists as text, business hours one box per day.</summary>
public sealed class AiSettingsForm
{
    /// <summary>Saturday first: the Iraqi working week.</summary>
    public static readonly string[] Days = ["sat", "sun", "mon", "tue", "wed", "thu", "fri"];
    public static readonly string[] Dialects = ["iraqi", "msa", "gulf", "levantine", "egyptian", "english"];

    public string? Persona { get; set; }
    public string? Tone { get; set; }

    /// <summary>The tones a merchant chooses from (the offline replies drop emoji for "plain"; the model is told either).</summary>
    public static readonly string[] Tones = ["warm", "plain"];

    /// <summary>Which choice a stored tone is: empty means warm; a free text from before the choices is none of them.</summary>
    public static string? ToneChoice(string? tone) => string.IsNullOrWhiteSpace(tone) ? "warm"
        : Tones.FirstOrDefault(t => string.Equals(t, tone.Trim(), StringComparison.OrdinalIgnoreCase));
    public string Dialect { get; set; } = "iraqi";
    public int DebounceSeconds { get; set; } = 4;
    public string HandoffKeywords { get; set; } = "";
    public int HumanQuietMinutes { get; set; } = 30;
    public Dictionary<string, string> Hours { get; set; } = Days.ToDictionary(d => d, _ => "");

    public static AiSettingsForm From(MerchantAiSettings s) => new()
    {
        Persona = s.Persona, Tone = s.Tone, Dialect = s.Dialect ?? "iraqi", DebounceSeconds = s.DebounceSeconds,
        HandoffKeywords = string.Join(", ", s.HandoffKeywords), HumanQuietMinutes = s.HumanQuietMinutes,
        Hours = Days.ToDictionary(d => d, d => s.BusinessHours.GetValueOrDefault(d) ?? ""),
    };

    /// <summary>Each problem as (field, UiText key); empty when the form can be saved.</summary>
    public List<(string Field, string Key)> Validate()
    {
        var errors = new List<(string, string)>();
        if (Persona?.Length > 600) errors.Add(("persona", "ai.error.persona"));
        if (Tone?.Length > 200) errors.Add(("tone", "ai.error.tone"));
        if (!Dialects.Contains(Dialect)) errors.Add(("dialect", "ai.error.dialect"));
        // The debounce is a scheduling delay: 0 would answer every fragment of a burst; over a minute feels ignored.
        if (DebounceSeconds is < 1 or > 60) errors.Add(("debounce", "ai.error.debounce"));
        if (HumanQuietMinutes is < 0 or > 1440) errors.Add(("quiet", "ai.error.quiet"));
        var keywords = Keywords();
        if (keywords.Count > 50 || keywords.Any(k => k.Length > 60)) errors.Add(("keywords", "ai.error.keywords"));
        foreach (var day in Days)
            if (!string.IsNullOrWhiteSpace(Hours.GetValueOrDefault(day)) && !TryParseRange(Hours[day], out _))
                errors.Add(($"hours-{day}", "ai.error.hours"));
        return errors;
    }

    public List<string> Keywords() =>
        HandoffKeywords.Split([',', '،', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    public MerchantAiSettings ToSettings() => new()
    {
        Persona = Blank(Persona), Tone = Blank(Tone), Dialect = Dialect, DebounceSeconds = DebounceSeconds, HandoffKeywords = Keywords(),
        HumanQuietMinutes = HumanQuietMinutes,
        BusinessHours = Days.Where(d => !string.IsNullOrWhiteSpace(Hours.GetValueOrDefault(d)))
            .ToDictionary(d => d, d => TryParseRange(Hours[d], out var norm) ? norm : Hours[d].Trim()),
    };

    /// <summary>"9:00-21:30" or "09:00 - 21:30" → "09:00-21:30"; the end must be after the start (no overnight ranges).</summary>
    public static bool TryParseRange(string text, out string normalized)
    {
        normalized = "";
        var parts = text.Replace('–', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2) return false;
        string[] formats = ["H:mm", "HH:mm"];
        if (!TimeOnly.TryParseExact(parts[0], formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ||
            !TimeOnly.TryParseExact(parts[1], formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to <= from)
            return false;
        normalized = $"{from:HH\\:mm}-{to:HH\\:mm}";
        return true;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
