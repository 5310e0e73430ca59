namespace AiSales.Core.Demo;

/// <summary>Configuration section "Demo": the sample merchant a developer logs into.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }
    public Guid MerchantId { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
    /// <summary>The sandbox Instagram account id that the demo's signed webhooks are addressed to.</summary>
    public string? ChannelExternalId { get; set; }
}
