using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;

namespace AiSales.Tests.Ai;

/// <summary>
/// Messages without text the assistant can read: each gets an answer that moves the sale on, in the
/// conversation's language; a pin fills the governorate and address, a contact card the phone.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MediaRepliesTests
{
    private static readonly IReadOnlyList<CatalogItem> Catalog = SampleCatalog.DemoShop;

    private static OfflineReply Say(string text, SalesState? state, params CustomerMedia[] media) =>
        OfflineResponder.Respond(new OfflineRequest(text, Catalog, "متجر بغداد للأزياء", state, MerchantNameEn: "Baghdad Style", Media: media));

    private static SalesState Collecting()
    {
        var reply = Say("اريد هودي لارج رصاصي", null);
        Assert.Equal(SalesStep.Collecting, reply.State.Step);
        return reply.State;
    }

    [Theory]
    [InlineData(MediaKind.Image, "الصورة")]
    [InlineData(MediaKind.Audio, "البصمة")]
    [InlineData(MediaKind.Share, "المنشور")]
    [InlineData(MediaKind.StoryMention, "المنشن")]
    [InlineData(MediaKind.Unsupported, "كتابة")]
    public void Each_kind_alone_gets_an_arabic_answer(MediaKind kind, string mentions)
    {
        var reply = Say("", null, new CustomerMedia(kind));
        Assert.Contains(mentions, reply.Text);
        Assert.False(reply.Handoff);
        Assert.Equal("ar", reply.State.Language);
    }

    [Fact]
    public void An_english_conversation_gets_the_english_answer()
    {
        var state = Say("how much is the hoodie", null).State;
        var reply = Say("", state, new CustomerMedia(MediaKind.Audio));
        Assert.Contains("voice note", reply.Text);
    }

    [Fact]
    public void A_photo_while_collecting_keeps_the_order_and_asks_for_what_is_missing()
    {
        var state = Collecting();
        var reply = Say("", state, new CustomerMedia(MediaKind.Image));

        Assert.Equal(SalesStep.Collecting, reply.State.Step);
        Assert.Single(reply.State.Cart);
        Assert.Contains("المحافظة", reply.Text);
    }

    [Fact]
    public void A_sticker_is_not_a_yes_to_the_summary()
    {
        var state = Say("بغداد المنصور 07701234567", Collecting()).State;
        Assert.Equal(SalesStep.Confirming, state.Step);

        var reply = Say("", state, new CustomerMedia(MediaKind.Sticker));
        Assert.Null(reply.Order);
        Assert.Equal(SalesStep.Confirming, reply.State.Step);
        Assert.Contains("\"اي\"", reply.Text);
    }

    [Fact]
    public void A_pin_in_iraq_fills_the_governorate_and_the_address_with_a_map_link()
    {
        var reply = Say("", Collecting(), new CustomerMedia(MediaKind.Location, 30.5085, 47.7804, "Basra Times Square"));

        Assert.Equal("Basra", reply.State.Governorate);
        Assert.Contains("Basra Times Square", reply.State.Address);
        Assert.Contains("https://maps.google.com/?q=30.5085%2C47.7804", reply.State.Address);
        Assert.Contains("رقم الموبايل", reply.Text); // the phone is what is still missing
        Assert.DoesNotContain("المحافظة", reply.Text);
    }

    [Theory]
    [InlineData(33.3128, 44.3615, "Baghdad")]
    [InlineData(36.3400, 43.1300, "Nineveh")]
    [InlineData(32.0256, 44.3269, "Najaf")]
    [InlineData(36.1900, 44.0100, "Erbil")]
    public void A_pin_lands_in_the_governorate_it_is_in(double lat, double lon, string governorate) =>
        Assert.Equal(governorate, Governorates.At(lat, lon)?.Key);

    [Fact]
    public void A_pin_outside_iraq_asks_for_the_governorate_in_words()
    {
        var reply = Say("", Collecting(), new CustomerMedia(MediaKind.Location, -10.9394, -10.6064));
        Assert.Null(reply.State.Governorate);
        Assert.Contains("المحافظة", reply.Text);
    }

    [Fact]
    public void A_contact_card_gives_the_phone()
    {
        var state = Say("بغداد الكرادة", Collecting()).State;
        var reply = Say("", state, new CustomerMedia(MediaKind.Contact, Label: "Ali", Phone: "+964 770 123 4567"));

        Assert.Equal("07701234567", reply.State.Phone);
        Assert.Equal(SalesStep.Confirming, reply.State.Step);
    }

    [Fact]
    public void A_photo_with_a_caption_is_answered_by_its_caption()
    {
        var reply = Say("شكد سعر الهودي", null, new CustomerMedia(MediaKind.Image));
        Assert.Contains("32,000", reply.Text);
    }
}
