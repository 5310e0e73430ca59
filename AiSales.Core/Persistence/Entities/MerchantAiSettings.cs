namespace AiSales.Core.Persistence.Entities;

/// <summary>How the assistant behaves for one merchant (merchants.ai_settings, jsonb, snake_case keys).</summary>
public class MerchantAiSettings
{
    public string? Persona { get; set; }
    public string? Tone { get; set; }
    /// <summary>e.g. "iraqi", "msa".</summary>
    public string? Dialect { get; set; }
    /// <summary>Quiet time after the customer's last fragment before one reply is generated.</summary>
    public int DebounceSeconds { get; set; } = 4;
    public List<string> HandoffKeywords { get; set; } = [];
    /// <summary>Day name ("sat".."fri") to "HH:mm-HH:mm" in the merchant's time zone.</summary>
    public Dictionary<string, string> BusinessHours { get; set; } = [];
    /// <summary>After a human writes, the AI stays silent this long even if ownership flips back.</summary>
    public int HumanQuietMinutes { get; set; } = 30;
    /// <summary>The assistant answers nobody while paused (a staff command or the AI settings page); customers' messages
    /// still arrive in the inbox for the team.</summary>
    public bool Paused { get; set; }
}
