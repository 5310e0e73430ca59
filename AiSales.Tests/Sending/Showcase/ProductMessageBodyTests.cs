using System.Text.Json.Nodes;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies;
using AiSales.Core.Sending.Transports;
using AiSales.Core.Sending.Transports.Messenger;
using AiSales.Core.Sending.Transports.WhatsApp;

namespace AiSales.Tests.Sending.Showcase;

/// <summary>Product messages on the wire, in the shapes of COMMERCE.md and Meta's generic template.</summary>
[Trait("Category", "Unit")]
public sealed class ProductMessageBodyTests
{
    private static ProductShowcase Showcase(string? catalog, int count) => new(catalog,
        [.. Enumerable.Range(1, count).Select(i => new ShowcaseItem($"SKU-{i}", $"عباية {i}", $"{i * 10},000 دينار", $"https://cdn.example.com/{i}.jpg"))],
        "منتجاتنا", "المنتجات", "أريد هذا");

    private static SendRequest Send(ChannelPlatform platform, ProductShowcase showcase) =>
        new(platform, ChannelProvider.Meta, "acct", platform == ChannelPlatform.WhatsApp ? "9647701112233" : "psid-1", "اختار اللي يعجبك 👇", "msg:1",
            Showcase: showcase);

    [Fact]
    public void Several_products_on_whatsapp_are_a_product_list_of_at_most_thirty()
    {
        var (body, problem) = WhatsAppMessageBody.Build(Send(ChannelPlatform.WhatsApp, Showcase("194836987003835", 35)));

        Assert.Null(problem);
        Assert.Equal("interactive", (string?)body!["type"]);
        var interactive = body["interactive"]!;
        Assert.Equal("product_list", (string?)interactive["type"]);
        Assert.Equal(("text", "منتجاتنا"), ((string?)interactive["header"]!["type"], (string?)interactive["header"]!["text"]));
        Assert.Equal("اختار اللي يعجبك 👇", (string?)interactive["body"]!["text"]);
        Assert.Equal("194836987003835", (string?)interactive["action"]!["catalog_id"]);
        var section = Assert.Single(interactive["action"]!["sections"]!.AsArray())!;
        Assert.Equal("المنتجات", (string?)section["title"]);
        var items = section["product_items"]!.AsArray();
        Assert.Equal(30, items.Count);
        Assert.Equal("SKU-1", (string?)items[0]!["product_retailer_id"]);
    }

    [Fact]
    public void One_product_on_whatsapp_is_a_single_product_message_without_header_and_no_catalog_is_refused()
    {
        var (body, _) = WhatsAppMessageBody.Build(Send(ChannelPlatform.WhatsApp, Showcase("194836987003835", 1)));
        var interactive = body!["interactive"]!.AsObject();
        Assert.Equal("product", (string?)interactive["type"]);
        Assert.False(interactive.ContainsKey("header"));
        Assert.Equal("SKU-1", (string?)interactive["action"]!["product_retailer_id"]);

        Assert.NotNull(WhatsAppMessageBody.Build(Send(ChannelPlatform.WhatsApp, Showcase(null, 2))).Problem);
    }

    [Fact]
    public void Messenger_and_instagram_get_cards_whose_button_names_the_product()
    {
        var (body, problem) = MessengerMessageBody.Build(Send(ChannelPlatform.Instagram, Showcase(null, 12)));

        Assert.Null(problem);
        var message = body!["message"]!.AsObject();
        Assert.False(message.ContainsKey("text")); // the reply's text went as its own message
        Assert.Equal("msg:1", (string?)message["metadata"]);
        var payload = message["attachment"]!["payload"]!;
        Assert.Equal("generic", (string?)payload["template_type"]);
        var cards = payload["elements"]!.AsArray();
        Assert.Equal(10, cards.Count);
        Assert.Equal(("عباية 1", "10,000 دينار", "https://cdn.example.com/1.jpg"), ((string?)cards[0]!["title"], (string?)cards[0]!["subtitle"], (string?)cards[0]!["image_url"]));
        var button = Assert.Single(cards[0]!["buttons"]!.AsArray())!;
        Assert.Equal(("postback", "أريد هذا", "product:SKU-1"), ((string?)button["type"], (string?)button["title"], (string?)button["payload"]));
    }

    [Theory]
    [InlineData("شنو عندكم؟", true)]
    [InlineData("شكو عدكم عبايات", true)]
    [InlineData("وريني العبايات", true)]
    [InlineData("ممكن صور للعبايات", true)]
    [InlineData("what do you have?", true)]
    [InlineData("show me your hoodies", true)]
    [InlineData("shno 3ndkom", true)]
    [InlineData("بكم الهودي؟", false)]
    [InlineData("اريد هودي لارج", false)]
    [InlineData("how much is the abaya", false)]
    public void Asking_to_see_is_told_from_asking_a_price(string text, bool asks) => Assert.Equal(asks, ShowcasePlanner.AsksToSee(text));
}
