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
    /// <summary>The sandbox WhatsApp number (phone_number_id) of the demo shop: its team talks to the staff assistant here.</summary>
    public string WhatsAppPhoneNumberId { get; set; } = "100000000000001";
    /// <summary>The demo owner's own WhatsApp number, linked and verified: signed WhatsApp webhooks from it reach the staff assistant.</summary>
    public string OwnerWhatsApp { get; set; } = "9647700000001";
    /// <summary>Seed a demo ad account with two campaigns, their leads and orders (docs/campaigns.md). The AppHost turns it on;
    /// test hosts leave it off unless a test asks, so the demo's contact and order counts they assert stay as they were.</summary>
    public bool Campaigns { get; set; }
}
