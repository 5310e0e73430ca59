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
}
