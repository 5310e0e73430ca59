using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;

namespace AiSales.Tests.Ai;

/// <summary>
/// "ممكن صورة؟": a customer asking to see the product gets the catalog's photo with the reply, or — when the
/// catalog has none — a person who sends one; never "I didn't understand".
/// </summary>
[Trait("Category", "Unit")]
public sealed class PhotoRequestTests
{
    private const string HoodiePhoto = "https://cdn.example.com/hoodie.jpg";

    // The demo shop, with a photo for the hoodie only.
    private static readonly IReadOnlyList<CatalogItem> Catalog =
        [.. SampleCatalog.DemoShop.Select(c => c.Sku == "BSF-014" ? c with { ImageUrl = HoodiePhoto } : c)];

    private static OfflineReply Say(string text, SalesState? state = null) =>
        OfflineResponder.Respond(new OfflineRequest(text, Catalog, "متجر بغداد للأزياء", state, MerchantNameEn: "Baghdad Style"));

    private static Guid Id(string sku) => Catalog.Single(c => c.Sku == sku).Id;

    [Theory]
    [InlineData("ممكن صورة للهودي")]
    [InlineData("دزلي صور الهودي")]
    [InlineData("اريد اشوف الهودي فيديو")]
    public void Naming_the_product_sends_its_photo_with_the_price(string text)
    {
        var reply = Say(text);
        Assert.Equal(HoodiePhoto, reply.ImageUrl);
        Assert.Contains("هودي شتوي", reply.Text);
        Assert.Contains("32,000", reply.Text);
        Assert.Contains(Id("BSF-014"), reply.ProductIds);
        Assert.False(reply.Handoff);
    }

    [Theory]
    [InlineData("ارسلي صورته")]
    [InlineData("ممكن صورة؟")]
    [InlineData("شوفني ياه")]
    public void The_product_in_focus_is_the_one_to_show(string text)
    {
        var first = Say("عندكم هودي؟");
        var reply = Say(text, first.State);
        Assert.Equal(HoodiePhoto, reply.ImageUrl);
        Assert.Equal(Id("BSF-014"), reply.State.FocusProductId);
    }

    [Fact]
    public void In_english_too()
    {
        var first = Say("do you have hoodies");
        var reply = Say("can I see a picture", first.State);
        Assert.Equal(HoodiePhoto, reply.ImageUrl);
        Assert.StartsWith("Here", reply.Text);
    }

    [Theory]
    [InlineData("mumkin sura?")]
    [InlineData("dizli swar")]
    public void In_arabizi_too(string text)
    {
        var first = Say("3indkum hoodie?");
        var reply = Say(text, first.State);
        Assert.Equal(HoodiePhoto, reply.ImageUrl);
    }

    [Fact]
    public void A_price_question_with_it_is_answered_too()
    {
        var reply = Say("شكد سعر الهودي وممكن صورة؟");
        Assert.Equal(HoodiePhoto, reply.ImageUrl);
        Assert.Contains("32,000", reply.Text);
    }

    [Fact]
    public void Without_a_photo_in_the_catalog_a_person_sends_one_and_the_customer_is_told()
    {
        var reply = Say("ممكن صورة للجاكيت الجلد");
        Assert.Null(reply.ImageUrl);
        Assert.True(reply.Handoff);
        Assert.Equal(HandoffReason.PhotoWanted, reply.HandoffReason);
        Assert.Contains("صور", reply.Text);
    }

    [Fact]
    public void Without_a_product_it_asks_which()
    {
        var reply = Say("ممكن صور؟");
        Assert.Null(reply.ImageUrl);
        Assert.False(reply.Handoff);
        Assert.Contains("أي منتج", reply.Text);
    }

    [Fact]
    public void A_complaint_about_the_photo_is_still_a_complaint()
    {
        var reply = Say("الصورة غير عن اللي وصلني، هذا نصب");
        Assert.True(reply.Handoff);
        Assert.Equal(HandoffReason.Complaint, reply.HandoffReason);
        Assert.Null(reply.ImageUrl);
    }
}
