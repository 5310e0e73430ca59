using AiSales.Core.Persistence.Entities;
using AiSales.Core.Text;

namespace AiSales.Tests.Ai;

/// <summary>
/// What customers were seen saying while an order is open, played as whole conversations: changes said with "change"
/// words, a colour per piece, a fee question, an address whose district sounds like a greeting, "ok, what about…".
/// </summary>
public sealed partial class SalesConversationTests
{
    [Fact]
    public void Changing_the_colour_of_an_open_order_is_a_change_not_an_exchange_for_a_person()
    {
        var chat = new Chat();
        chat.Say("عدكم نعال صيفي");
        chat.Say("44 بني");

        var changed = chat.Say("اريد اغير اللون اسود");

        Assert.False(changed.Handoff, changed.Text);
        Assert.Equal("أسود", Assert.Single(chat.State.Cart).Colour);

        var asked = chat.Say("ممكن ابدل القياس؟");
        Assert.False(asked.Handoff, asked.Text);
        Assert.Contains("43", asked.Text); // the sizes there are
        chat.Say("42");
        Assert.Equal(("42", "أسود"), (chat.State.Cart[0].Size, chat.State.Cart[0].Colour));
    }

    [Fact]
    public void An_exchange_after_the_order_is_placed_still_goes_to_a_person()
    {
        var chat = new Chat();
        chat.Say("اريد نعال صيفي 44 بني");
        chat.Say("بغداد الشعب قرب سوق الشعب 07901234567");
        chat.Say("اي");

        Assert.True(chat.Say("اريد اغير اللون اسود").Handoff);
    }

    [Theory]
    [InlineData("actually one black one white")]
    [InlineData("لا خليهم وحدة سودة ووحدة بيضة")]
    public void A_colour_for_each_piece_splits_the_line(string text)
    {
        var chat = new Chat();
        chat.Say("I want 2 cotton t-shirts, black, M");

        chat.Say(text);

        Assert.Equal([("أبيض", 1), ("أسود", 1)], chat.State.Cart.Select(l => (l.Colour!, l.Quantity)).Order().ToArray());
        Assert.All(chat.State.Cart, l => Assert.Equal("M", l.Size));
    }

    [Fact]
    public void A_delivery_fee_question_mid_order_is_answered_and_is_not_the_address()
    {
        var chat = new Chat();
        chat.Say("اريد بجامة ورديه لارج");

        var reply = chat.Say("شكد التوصيل للديوانيه");

        Assert.Null(chat.State.Address);
        Assert.Equal("Qadisiyyah", chat.State.Governorate);
        Assert.Contains("8,000", reply.Text);
        Assert.Contains("العنوان", reply.Text); // still asked for
    }

    [Fact]
    public void A_district_called_al_salam_in_the_address_is_not_a_greeting()
    {
        var chat = new Chat();
        chat.Say("السلام عليكم، أرغب بشراء قميص رجالي قطن مقاس كبير لون أزرق");
        var line = Assert.Single(chat.State.Cart);
        Assert.Equal(("L", "أزرق"), (line.Size, line.Colour));

        var summary = chat.Say("النجف، حي السلام، قرب مستشفى الصدر، 07801239876");

        Assert.Equal(SalesStep.Confirming, chat.State.Step);
        Assert.DoesNotContain("هلا", summary.Text);
        Assert.DoesNotContain("اهلين", summary.Text);
    }

    [Fact]
    public void Ok_what_about_another_product_answers_about_it_and_does_not_order_it()
    {
        var chat = new Chat();
        chat.Say("hello do u have sunglasses");

        var reply = chat.Say("ok what about a watch");

        Assert.Empty(chat.State.Cart);
        Assert.Equal(Sku("BSF-017").Id, chat.State.FocusProductId);
        Assert.Equal([Sku("BSF-017").PriceIqd], PriceMentions.Extract(reply.Text));
    }

    [Fact]
    public void A_singular_the_catalog_lists_as_a_plural_finds_it()
    {
        var reply = new Chat().Say("عدكم نعل صيفي");

        Assert.Equal(Sku("BSF-012").Id, reply.State.FocusProductId);
    }

    [Fact]
    public void Swapping_the_product_mid_order_replaces_it_rather_than_going_to_a_person()
    {
        var chat = new Chat();
        chat.Say("اريد فستان صيفي ازرق S");

        var swapped = chat.Say("لحظة ممكن ابدل الفستان بالسهرة");

        Assert.False(swapped.Handoff, swapped.Text);
        Assert.Equal(Sku("BSF-007").Id, Assert.Single(chat.State.Cart).ProductId);
        chat.Say("احمر M");
        Assert.Equal(("M", "أحمر"), (chat.State.Cart[0].Size, chat.State.Cart[0].Colour));
    }

    [Theory]
    [InlineData("hi i need a dress for a wedding", "the evening one, red, M", "BSF-007")]
    [InlineData("اريد حذاء", "الرياضي ابيض 42", "BSF-010")]
    public void An_order_for_a_kind_asks_which_one_and_the_pick_goes_into_the_order(string order, string pick, string sku)
    {
        var chat = new Chat();

        var choice = chat.Say(order);

        Assert.Empty(chat.State.Cart);
        Assert.True(PriceMentions.Extract(choice.Text).Count >= 2, choice.Text);
        chat.Say(pick);
        Assert.Equal(Sku(sku).Id, Assert.Single(chat.State.Cart).ProductId);
    }

    [Fact]
    public void Two_products_with_their_details_in_one_order_message_make_two_lines()
    {
        var chat = new Chat();

        chat.Say("هلو اريد اطلب تيشيرت ابيض ميديم وبنطلون جينز 32 ازرق");

        Assert.Equal(
            [("BSF-005", "32", "أزرق"), ("BSF-006", "M", "أبيض")],
            chat.State.Cart.Select(l => (Catalog.Single(c => c.Id == l.ProductId).Sku!, l.Size!, l.Colour!)).Order().ToArray());
    }

    [Fact]
    public void When_will_it_reach_mosul_mid_order_is_a_question_not_the_address()
    {
        var chat = new Chat();
        chat.Say("مرحبا اريد جاكيت جلد بني L");

        chat.Say("ممكن اعرف متى يوصل للموصل");

        Assert.Null(chat.State.Address);
        Assert.Equal("Nineveh", chat.State.Governorate);
    }

    [Theory]
    [InlineData("اريد ثلاث تيشيرتات سود L", "كم صار المجموع", "45,000", "المحافظة")]
    [InlineData("I want 3 black cotton t-shirts, L", "what's the total?", "45,000", "governorate")]
    public void The_total_asked_mid_order_is_the_order_so_far_and_what_it_still_needs(string order, string question, string total, string stillNeeded)
    {
        var chat = new Chat();
        chat.Say(order);

        var reply = chat.Say(question);

        Assert.Contains(total, reply.Text);
        Assert.Contains(stillNeeded, reply.Text);
        Assert.Equal(3, Assert.Single(chat.State.Cart).Quantity);
    }

    [Fact]
    public void A_swap_naming_the_product_going_away_keeps_the_rest_of_the_order()
    {
        var chat = new Chat();
        chat.Say("اريد قميص رجالي ازرق L وحجاب اسود");

        chat.Say("بدل القميص بدشداشة بيضة XL");

        Assert.Equal(
            [("BSF-003", "XL", "أبيض"), ("BSF-009", "", "أسود")],
            chat.State.Cart.Select(l => (Catalog.Single(c => c.Id == l.ProductId).Sku!, l.Size ?? "", l.Colour!)).Order().ToArray());
    }

    [Theory]
    [InlineData("ابي عطر", "ابي اثنين 50", "50ml", 2)]
    [InlineData("عندكم ملابس اطفال", "عمره 5 سنين", "4-5", 1)]
    public void A_bare_number_is_the_size_only_the_products_own_sizes_explain(string first, string details, string size, int quantity)
    {
        var chat = new Chat();
        chat.Say(first);

        chat.Say(details);

        var line = Assert.Single(chat.State.Cart);
        Assert.Equal((size, quantity), (line.Size, line.Quantity));
    }

    [Fact]
    public void A_lone_count_is_not_an_age_size()
    {
        var chat = new Chat();
        chat.Say("عدكم ملابس اطفال");

        chat.Say("اريد 2");

        var line = Assert.Single(chat.State.Cart);
        Assert.Equal((2, (string?)null), (line.Quantity, line.Size));
    }

    [Fact]
    public void Arabizi_what_do_you_have_instead_lists_alternatives()
    {
        var chat = new Chat();
        chat.Say("3ndkom nathara?");

        var reply = chat.Say("tayb shno 3ndkom badalha");

        Assert.DoesNotContain("ما نبيع", reply.Text);
        Assert.NotEmpty(PriceMentions.Extract(reply.Text));
    }
}
