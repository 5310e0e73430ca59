using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;

namespace AiSales.Tests.Ai;

/// <summary>
/// Customers give the whole order in one line, in every script: the details are taken as written, the request words
/// around them are not part of the address, and the summary follows at once.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OrderDetailsInOneLineTests
{
    private static OfflineReply Say(string text, SalesState? state = null) =>
        OfflineResponder.Respond(new OfflineRequest(text, SampleCatalog.DemoShop, "متجر بغداد للأزياء", state, MerchantNameEn: "Baghdad Style"));

    [Theory]
    [InlineData("deliver to baghdad karrada, 07901234567", "baghdad karrada")]
    [InlineData("baghdad karrada 07901234567", "baghdad karrada")]
    [InlineData("please send it to baghdad mansour near the mall 07901234567", "baghdad mansour near the mall")]
    [InlineData("black one, deliver to baghdad karrada 07901234567", "baghdad karrada")]
    public void The_order_started_with_governorate_district_and_phone_goes_straight_to_the_summary(string line, string address)
    {
        var first = Say("the handbag, black");
        var reply = Say(line, first.State);
        Assert.Equal(SalesStep.Confirming, reply.State.Step);
        Assert.Equal(address, reply.State.Address);
        Assert.Contains("53,000", reply.Text); // 48,000 + Baghdad 5,000
    }

    [Fact]
    public void Arabic_request_words_are_not_the_address()
    {
        var first = Say("اريد حجاب اسود");
        var second = Say("بغداد", first.State);
        var reply = Say("وصلوه الى الكرادة داخل قرب ساحة الحرية 07701234567", second.State);
        Assert.Equal("الكرادة داخل قرب ساحة الحرية", reply.State.Address);
        Assert.Equal(SalesStep.Confirming, reply.State.Step);
    }

    [Fact]
    public void Address_is_the_label_not_part_of_the_address()
    {
        var first = Say("embroidered abaya navy L, erbil");
        var reply = Say("ok my number is 0750 123 4567 and address is 100m street near family mall", first.State);
        Assert.Equal("100m street near family mall", reply.State.Address);
    }

    [Fact]
    public void Arabizi_colours_split_the_quantity_one_line_each()
    {
        var first = Say("bkam el 7ijab");
        var reply = Say("ariid 3 wa7id aswad w wa7id bej w wa7id wardi", first.State);
        Assert.Equal(["أسود", "بيجي", "وردي"], reply.State.Cart.Select(l => l.Colour));
        Assert.All(reply.State.Cart, l => Assert.Equal(1, l.Quantity));
    }
}
