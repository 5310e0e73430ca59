using AiSales.Core.Persistence.Entities;
using AiSales.Core.Text;

namespace AiSales.Tests.Ai;

/// <summary>What a customer says while an order is being collected that is not part of the order.</summary>
public sealed partial class SalesConversationTests
{
    [Theory]
    [InlineData("وكم سعر الحجاب؟")]
    [InlineData("عندكم حجاب اسود؟")]
    [InlineData("how much is the hijab?")]
    public void A_question_about_another_product_mid_order_is_answered_and_not_added(string question)
    {
        var chat = new Chat();
        chat.Say("اريد تيشيرت اسود لارج");

        var answer = chat.Say(question);

        Assert.Contains(answer.State.Cart, l => l.ProductId == Sku("BSF-006").Id);
        Assert.DoesNotContain(answer.State.Cart, l => l.ProductId == Sku("BSF-009").Id);
        Assert.True(answer.Text.Contains("حجاب") || answer.Text.Contains("hijab", StringComparison.OrdinalIgnoreCase), answer.Text);

        var added = chat.Say("ضيفلي حجاب اسود");
        Assert.Equal(2, added.State.Cart.Count);
    }

    [Fact]
    public void An_address_in_English_words_from_a_customer_writing_Arabizi_gets_the_summary_in_Arabic()
    {
        var chat = new Chat();
        chat.Say("shgad si3r el hoodie?");
        chat.Say("areed wa7ed XL aswad");

        var summary = chat.Say("baghdad karrada near the bridge 07801112233");

        Assert.Contains("المجموع", summary.Text);
        Assert.Equal("ar", summary.State.Language);
    }

    [Theory]
    [InlineData("اريد هودي XL رصاصي", "شكد سعره؟", "رقم الموبايل")]
    [InlineData("I want the hoodie in XL, grey", "how much is it again?", "mobile number")]
    [InlineData("areed hoodie XL rasasi", "bshgad?", "رقم الموبايل")]
    public void A_price_question_about_what_is_being_ordered_goes_on_with_the_order(string order, string question, string stillNeeded)
    {
        var chat = new Chat();
        chat.Say(order);

        var reply = chat.Say(question);

        Assert.Equal(SalesStep.Collecting, chat.State.Step);
        Assert.Equal([32_000L], PriceMentions.Extract(reply.Text));
        Assert.Contains(stillNeeded, reply.Text);
        Assert.DoesNotContain("أحجز", reply.Text);
        Assert.DoesNotContain("reserve", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("If you'd like it", reply.Text);
    }

    [Fact]
    public void A_price_question_at_the_summary_asks_for_the_yes_again()
    {
        var chat = new Chat();
        chat.Say("اريد جاكيت جلد بني M");
        chat.Say("بغداد، الكرادة، قرب ساحة الحرية، 07801112233");

        var reply = chat.Say("شكد سعره؟");

        Assert.Equal(SalesStep.Confirming, chat.State.Step);
        Assert.Contains("95,000", reply.Text);
        Assert.Contains("\"اي\"", reply.Text); // the yes the summary waits for, not an offer to reserve it again
        Assert.DoesNotContain("أحجز", reply.Text);
        Assert.NotNull(chat.Say("اي").Order);
    }
}
