namespace AiSales.Core.Sending.Transports;

/// <summary>One catalog product in a <see cref="ProductShowcase"/>: our SKU (Meta's retailer id) and what a card shows.</summary>
public sealed record ShowcaseItem(string RetailerId, string Title, string Subtitle, string? ImageUrl);

/// <summary>
/// Products shown as the platform's own product message, beside the reply's text: on WhatsApp a single-product or
/// multi-product message from the shop's Meta catalog (<see cref="CatalogId"/>; the customer can add to cart and order
/// there), on Messenger and Instagram a generic template of cards whose button asks for that product
/// (postback <see cref="PostbackPrefix"/> + SKU, read back as the product in focus).
/// </summary>
/// <param name="Header">WhatsApp multi-product header (≤ 60 characters).</param>
/// <param name="SectionTitle">WhatsApp section title (≤ 24 characters).</param>
/// <param name="Button">Messenger/Instagram card button title (≤ 20 characters).</param>
public sealed record ProductShowcase(string? CatalogId, IReadOnlyList<ShowcaseItem> Items, string Header, string SectionTitle, string Button)
{
    /// <summary>WhatsApp: at most 30 products in a multi-product message (COMMERCE.md).</summary>
    public const int MaxWhatsAppItems = 30;
    /// <summary>Messenger/Instagram generic template: at most 10 cards.</summary>
    public const int MaxCards = 10;
    public const string PostbackPrefix = "product:";
}
