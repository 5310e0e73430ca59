using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.Ai;

/// <summary>The address a courier gets: governorate, district and street or landmark, nothing else the customer said.</summary>
public sealed partial class SalesConversationTests
{
    [Theory]
    [InlineData("بغداد، المنصور، شارع 14 رمضان", "المنصور", "شارع 14 رمضان")]
    [InlineData("البصرة، الجزائر، قرب جامع الرحمن", "الجزائر", "قرب جامع الرحمن")]
    [InlineData("Baghdad, Karrada, street 62", "Karrada", "street 62")]
    public void A_district_between_the_governorate_and_the_street_stays_in_the_address(string address, string district, string street)
    {
        var chat = new Chat();
        chat.Say("اريد هودي لارج رصاصي");
        chat.Say(address);
        var summary = chat.Say("07701234567");

        Assert.Equal(SalesStep.Confirming, chat.State.Step);
        Assert.Contains(district, summary.Text);
        var placed = chat.Say("اي").Order;
        Assert.NotNull(placed);
        Assert.Contains(district, placed.Address);
        Assert.Contains(street, placed.Address);
    }

    [Theory]
    [InlineData("تمام، بغداد، المنصور، شارع 14 رمضان، 07701234567", "تمام", "المنصور")]
    [InlineData("ok, Baghdad, Karrada, street 62, my number 07701234567", "ok", "Karrada")]
    public void A_yes_and_the_phone_around_the_address_are_not_part_of_it(string details, string courtesy, string district)
    {
        var chat = new Chat();
        chat.Say("اريد هودي لارج رصاصي");
        chat.Say(details);

        Assert.Equal(SalesStep.Confirming, chat.State.Step);
        Assert.Equal("07701234567", chat.State.Phone);
        Assert.DoesNotContain(courtesy, chat.State.Address, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("0770", chat.State.Address);
        Assert.DoesNotContain("number", chat.State.Address);
        Assert.Contains(district, chat.State.Address);
    }

    [Theory]
    [InlineData("بغداد المنصور", "شارع 14 رمضان قرب جامع الرحمن", "المنصور")]
    [InlineData("I'm in Basra, Ashar", "near the corniche, street 5", "Ashar")]
    [InlineData("baghdad karrada", "qurb sa7at kahramana", "karrada")]
    public void A_street_sent_after_the_district_completes_the_address(string district, string street, string districtName)
    {
        var chat = new Chat();
        chat.Say("اريد هودي لارج رصاصي");
        chat.Say(district);
        chat.Say(street);
        var summary = chat.Say("07701234567");

        Assert.Contains(districtName, summary.Text);
        var placed = chat.Say("اي").Order;
        Assert.NotNull(placed);
        Assert.Contains(districtName, placed.Address);
        Assert.Contains(street, placed.Address);
        Assert.DoesNotContain("I'm", placed.Address);
    }

    [Fact]
    public void A_form_like_address_loses_its_labels()
    {
        var chat = new Chat();
        chat.Say("اريد هودي لارج رصاصي");
        chat.Say("المحافظة: البصرة، المنطقة: الزبير، قرب سوق الزبير، رقم الهاتف: 07712345678");

        Assert.Equal(SalesStep.Confirming, chat.State.Step);
        Assert.Equal("07712345678", chat.State.Phone);
        Assert.Contains("الزبير", chat.State.Address);
        Assert.DoesNotContain("المحافظة", chat.State.Address);
        Assert.DoesNotContain("المنطقة", chat.State.Address);
    }
}
