using AiSales.Core.Persistence.Entities;
using AiSales.Core.Text;

namespace AiSales.Tests.Ai;

/// <summary>
/// Another product asked about while an order is open: its price is answered, the order is not forgotten (what it still
/// needs, or the yes it waits for), a yes adds the other product and a no goes back to the order.
/// </summary>
public sealed partial class SalesConversationTests
{
    [Theory]
    [InlineData("اريد دشداشة رجالي XL ابيض", "بيش الساعه؟", "لا", "رقم الموبايل")]
    [InlineData("I want the men's dishdasha, XL white", "how much is the watch?", "no", "mobile number")]
    [InlineData("abi dishdasha XL abyad", "shgad el sa3a?", "la", "رقم الموبايل")]
    public void Another_products_price_mid_order_reminds_the_order_and_a_no_goes_back_to_it(string order, string question, string no, string stillNeeded)
    {
        var chat = new Chat();
        chat.Say(order);

        var price = chat.Say(question);

        Assert.Equal([Sku("BSF-017").PriceIqd], PriceMentions.Extract(price.Text));
        Assert.True(price.Text.Contains("دشداشة") || price.Text.Contains("dishdasha", StringComparison.OrdinalIgnoreCase), price.Text);
        Assert.Contains(stillNeeded, price.Text);
        Assert.Equal(Sku("BSF-003").Id, Assert.Single(chat.State.Cart).ProductId);

        var back = chat.Say(no);

        Assert.Equal(SalesStep.Collecting, chat.State.Step);
        Assert.Equal(Sku("BSF-003").Id, Assert.Single(chat.State.Cart).ProductId);
        Assert.Equal(Sku("BSF-003").Id, chat.State.FocusProductId);
        Assert.Contains(stillNeeded, back.Text);

        var summary = chat.Say("بغداد الشعب قرب سوق الشعب 07901234567");
        Assert.Equal(SalesStep.Confirming, chat.State.Step);
        Assert.Contains("40,000", summary.Text); // 35,000 + 5,000: the dishdasha alone
    }

    [Fact]
    public void A_no_naming_the_product_of_the_order_keeps_the_order()
    {
        var chat = new Chat();
        chat.Say("السلام عليكم اريد دشداشه رجالي XL ابيض");
        chat.Say("بيش الساعه؟");

        chat.Say("لا بس الدشداشه");

        Assert.Equal(SalesStep.Collecting, chat.State.Step);
        var line = Assert.Single(chat.State.Cart);
        Assert.Equal((Sku("BSF-003").Id, "XL", "أبيض"), (line.ProductId, line.Size, line.Colour));
    }

    [Theory]
    [InlineData("لا بس العباية")]
    [InlineData("لا بس العبايه")]
    [InlineData("no just the abaya")]
    public void A_no_naming_the_kind_of_the_order_keeps_the_ordered_product_not_another_of_that_kind(string no)
    {
        // The shop sells two abayas; the customer ordered the embroidered one, asked about the sneakers, and declines them.
        var chat = new Chat();
        chat.Say("هلو شكد سعر العباية المطرزة");
        chat.Say("اريدها اسود L");
        var ordered = Assert.Single(chat.State.Cart).ProductId;
        chat.Say("شكد سعر الحذاء الرياضي؟");

        var back = chat.Say(no);

        Assert.Equal(SalesStep.Collecting, chat.State.Step);
        var line = Assert.Single(chat.State.Cart);
        Assert.Equal((ordered, "L", "أسود"), (line.ProductId, line.Size, line.Colour));
        Assert.DoesNotContain("كلاسيك", back.Text);
    }

    [Fact]
    public void A_no_that_names_the_other_product_of_the_kind_in_full_turns_to_it()
    {
        var chat = new Chat();
        chat.Say("هلو شكد سعر العباية المطرزة");
        chat.Say("اريدها اسود L");

        chat.Say("لا اريد العباية السوداء الكلاسيك");

        Assert.Equal(Sku("BSF-001").Id, chat.State.FocusProductId);
        Assert.DoesNotContain(chat.State.Cart, l => l.ProductId != Sku("BSF-001").Id);
    }

    [Fact]
    public void A_yes_to_the_other_product_adds_it_to_the_order()
    {
        var chat = new Chat();
        chat.Say("اريد هودي XL اسود");
        chat.Say("بيش الجاكيت؟");

        chat.Say("اي");
        chat.Say("L بني");

        Assert.Equal(2, chat.State.Cart.Count);
        var jacket = Assert.Single(chat.State.Cart, l => l.ProductId == Sku("BSF-013").Id);
        Assert.Equal(("L", "بني"), (jacket.Size, jacket.Colour));
        var hoodie = Assert.Single(chat.State.Cart, l => l.ProductId == Sku("BSF-014").Id);
        Assert.Equal(("XL", "أسود"), (hoodie.Size, hoodie.Colour));
    }

    [Fact]
    public void Saying_cancel_the_order_after_the_other_products_price_still_cancels_it()
    {
        var chat = new Chat();
        chat.Say("اريد هودي XL اسود");
        chat.Say("بيش الجاكيت؟");

        chat.Say("لا الغي الطلب");

        Assert.Empty(chat.State.Cart);
        Assert.Equal(SalesStep.Browsing, chat.State.Step);
    }

    [Fact]
    public void At_the_summary_another_products_price_asks_to_add_it_a_yes_adds_it_and_confirm_places_the_order_as_it_is()
    {
        Chat AtSummaryAskingAboutTheHijab()
        {
            var chat = new Chat();
            chat.Say("اريد هودي XL اسود");
            chat.Say("بغداد المنصور قرب جامع الرحمن 07701234567");
            var price = chat.Say("شكد سعر الحجاب؟");
            Assert.Equal(SalesStep.Confirming, chat.State.Step);
            Assert.Equal([8_000L], PriceMentions.Extract(price.Text));
            Assert.Contains("هودي", price.Text);
            return chat;
        }

        var adding = AtSummaryAskingAboutTheHijab();
        adding.Say("اي");
        Assert.Null(adding.Replies[^1].Order);
        adding.Say("اسود");
        var placed = adding.Say("اي");
        Assert.Equal(2, placed.Order!.Lines.Count);
        Assert.Equal(45_000, placed.Order.TotalIqd);

        var asItIs = AtSummaryAskingAboutTheHijab();
        var confirmed = asItIs.Say("ثبت");
        Assert.Equal(Sku("BSF-014").Id, Assert.Single(confirmed.Order!.Lines).ProductId);
        Assert.Equal(37_000, confirmed.Order.TotalIqd);
    }

    [Fact]
    public void An_offer_the_customer_passed_over_is_not_what_the_yes_to_the_summary_adds()
    {
        var chat = new Chat();
        chat.Say("اريد هودي XL اسود");
        chat.Say("بيش الجاكيت؟");
        chat.Say("بغداد المنصور قرب جامع الرحمن 07701234567");

        var placed = chat.Say("اي");

        Assert.Equal(Sku("BSF-014").Id, Assert.Single(placed.Order!.Lines).ProductId);
    }
}
