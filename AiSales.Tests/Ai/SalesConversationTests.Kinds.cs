using AiSales.Core.Persistence.Entities;
using AiSales.Core.Text;


namespace AiSales.Tests.Ai;

/// <summary>A question about a kind of product ("what abayas do you have?") and the answer that picks one of them.</summary>
public sealed partial class SalesConversationTests
{
    [Theory]
    [InlineData("شنو عندكم عبايات؟", "BSF-001", "BSF-002")]
    [InlineData("shno 3ndkom 3bayat?", "BSF-001", "BSF-002")]
    [InlineData("what abayas do you have?", "BSF-001", "BSF-002")]
    [InlineData("هل لديكم عباءات؟", "BSF-001", "BSF-002")]
    [InlineData("عندكم فساتين؟", "BSF-007", "BSF-008")]
    [InlineData("اكو احذية؟", "BSF-010", "BSF-011")]
    public void A_question_about_a_kind_lists_every_product_of_that_kind_with_its_price(string question, string first, string second)
    {
        var reply = new Chat().Say(question);

        Assert.Equal(new[] { Sku(first).PriceIqd, Sku(second).PriceIqd }.Order(), PriceMentions.Extract(reply.Text).Order());
        Assert.Null(reply.State.FocusProductId);
        Assert.Equal(new[] { Sku(first).Id, Sku(second).Id }.Order(), reply.State.Choices.Order());
    }

    [Fact]
    public void After_the_list_a_colour_in_one_name_picks_that_product_and_the_order_goes_on()
    {
        var chat = new Chat();
        chat.Say("شنو عندكم عبايات؟");

        var black = chat.Say("السودة بيش؟");
        Assert.Equal(Sku("BSF-001").Id, black.State.FocusProductId);
        Assert.Equal([45_000L], PriceMentions.Extract(black.Text));

        chat.Say("اريد وحدة لارج");
        chat.Say("بغداد المنصور شارع 14 رمضان 07701234567");
        var placed = chat.Say("اي ثبت");
        var line = Assert.Single(Assert.IsType<Core.Replies.Offline.PlacedOrder>(placed.Order).Lines);
        Assert.Equal((Sku("BSF-001").Id, "L"), (line.ProductId, line.Size));
    }

    [Theory]
    [InlineData("الثانية", "BSF-011")]
    [InlineData("الاول", "BSF-010")]
    [InlineData("the second one", "BSF-011")]
    [InlineData("بالبني اكو؟", "BSF-011")]
    public void After_the_list_a_position_or_a_detail_only_one_has_picks_it(string answer, string sku)
    {
        var chat = new Chat();
        chat.Say("عندكم احذية؟");

        var picked = chat.Say(answer);

        Assert.Equal(Sku(sku).Id, picked.State.FocusProductId);
        Assert.True(picked.Text.Contains(Sku(sku).NameAr) || picked.Text.Contains(Sku(sku).NameEn!), picked.Text);
    }

    [Theory]
    [InlineData("شنو عندكم عبايات؟", "المطرزة، مقاس M اسود", "BSF-002", "M")]
    [InlineData("شنو عندكم فساتين؟", "الصيفي مقاس M اصفر", "BSF-008", "M")]
    [InlineData("what dresses do you have?", "the summer one, size M yellow", "BSF-008", "M")]
    public void After_the_list_naming_one_with_its_size_and_colour_puts_it_in_the_order(string question, string answer, string sku, string size)
    {
        var chat = new Chat();
        chat.Say(question);

        var picked = chat.Say(answer);

        Assert.Equal(SalesStep.Collecting, picked.State.Step);
        var line = Assert.Single(picked.State.Cart);
        Assert.Equal((Sku(sku).Id, size), (line.ProductId, line.Size));
    }

    [Theory]
    [InlineData("how much is the evening one?", "85,000")]
    [InlineData("the evening one?", "85,000")]
    [InlineData("how much is the summer one?", "40,000")]
    public void After_the_list_a_name_word_that_is_also_part_of_a_greeting_still_names_the_product(string question, string price)
    {
        var chat = new Chat();
        chat.Say("what dresses do you have?");

        var answered = chat.Say(question);

        Assert.Contains(price, answered.Text);
        Assert.DoesNotContain("Which one", answered.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_greeting_phrase_does_not_name_the_product_that_shares_its_word()
    {
        var chat = new Chat();

        var answered = chat.Say("good evening, do you have sneakers?");

        Assert.Contains("55,000", answered.Text);
        Assert.DoesNotContain("Evening dress", answered.Text);
    }

    [Fact]
    public void After_the_list_asking_whether_one_comes_in_a_size_answers_and_does_not_order()
    {
        var chat = new Chat();
        chat.Say("شنو عندكم عبايات؟");

        var asked = chat.Say("المطرزة اكو مقاس M؟");

        Assert.Equal(SalesStep.Browsing, asked.State.Step);
        Assert.Empty(asked.State.Cart);
        Assert.Equal(Sku("BSF-002").Id, asked.State.FocusProductId);
    }

    [Fact]
    public void I_want_one_before_choosing_is_asked_which_and_the_product_chosen_next_goes_into_the_order()
    {
        var chat = new Chat();
        chat.Say("shno 3ndkom 3bayat?");

        var which = chat.Say("aby wa7da");
        // Asked again by name only (the prices were just given).
        Assert.Contains(Sku("BSF-001").NameAr, which.Text);
        Assert.Contains(Sku("BSF-002").NameAr, which.Text);
        Assert.Empty(PriceMentions.Extract(which.Text));
        Assert.Empty(which.State.Cart);

        var chosen = chat.Say("el mtarraza, M aswad");
        var line = Assert.Single(chosen.State.Cart);
        Assert.Equal((Sku("BSF-002").Id, "M"), (line.ProductId, line.Size));
    }

    [Fact]
    public void The_second_one_picks_the_product_without_ordering_one()
    {
        var chat = new Chat();
        chat.Say("what abayas do you have?");

        var picked = chat.Say("the second one");

        Assert.NotNull(picked.State.FocusProductId);
        Assert.Empty(picked.State.Cart);
    }

    [Fact]
    public void A_kind_question_with_a_colour_only_one_of_them_has_is_about_that_one()
    {
        var reply = new Chat().Say("اكو فستان احمر؟");

        Assert.Equal(Sku("BSF-007").Id, reply.State.FocusProductId);
        Assert.DoesNotContain("40,000", reply.Text);
    }

    [Fact]
    public void The_kind_word_while_one_of_that_kind_is_in_focus_stays_on_it()
    {
        var chat = new Chat();
        chat.Say("بيش العباية المطرزة؟");

        var again = chat.Say("اكو العباية بلارج؟");

        Assert.Equal(Sku("BSF-002").Id, again.State.FocusProductId);
        Assert.Contains("مطرزة", again.Text);
    }

    [Fact]
    public void A_word_that_sets_one_product_apart_names_it_alone_in_any_script()
    {
        foreach (var text in new[] { "عندكم عباية مطرزة؟", "3dkum mtarraza?" })
        {
            var reply = new Chat().Say(text);
            Assert.Equal(Sku("BSF-002").Id, reply.State.FocusProductId);
        }
    }

    [Theory]
    [InlineData("3baya", "عباية")]
    [InlineData("mtarraza", "مطرزة")]
    [InlineData("shanta", "شنطة")]
    [InlineData("7ijab", "حجاب")]
    public void Arabizi_and_Arabic_spellings_of_a_word_have_the_same_consonants(string arabizi, string arabic) =>
        Assert.Equal(ConsonantSkeleton.Of(ArabicNormalizer.Normalize(arabic)), ConsonantSkeleton.Of(ArabicNormalizer.Normalize(arabizi)));

    [Fact]
    public void Different_words_have_different_consonants() =>
        Assert.NotEqual(ConsonantSkeleton.Of(ArabicNormalizer.Normalize("عباية")), ConsonantSkeleton.Of("mtarraza"));
}
