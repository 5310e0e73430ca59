using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Text;

namespace AiSales.Tests.Ai;

/// <summary>
/// Arabizi customers naming products, colours and sizes the catalog lists only in Arabic script: found by their
/// consonants, with no Latin alias per product.
/// </summary>
public sealed partial class SalesConversationTests
{
    [Theory]
    [InlineData("shno 3ndkom fasatin?", "el seifi M asfar", "BSF-008", "M", "أصفر")]
    [InlineData("3ndkum fasatin?", "el sahra, S a7mar", "BSF-007", "S", "أحمر")]
    public void An_arabizi_kind_question_lists_the_kind_and_the_pick_goes_into_the_order(string question, string pick, string sku, string size, string colour)
    {
        var chat = new Chat();
        var list = chat.Say(question);
        Assert.Equal(new[] { Sku("BSF-007").PriceIqd, Sku("BSF-008").PriceIqd }.Order(), PriceMentions.Extract(list.Text).Order());

        chat.Say(pick);

        Assert.Equal(SalesStep.Collecting, chat.State.Step);
        var line = Assert.Single(chat.State.Cart);
        Assert.Equal((Sku(sku).Id, size, colour), (line.ProductId, line.Size, line.Colour));
    }

    [Fact]
    public void Arabizi_words_find_products_that_have_no_latin_alias()
    {
        var longSkirt = new CatalogItem(Guid.NewGuid(), "تنورة طويلة", "Long skirt", [], 30_000, 5, ["S", "M"], ["أسود", "أصفر"]);
        var shortSkirt = new CatalogItem(Guid.NewGuid(), "تنورة قصيرة", "Short skirt", [], 25_000, 5, ["S", "M"], ["أسود"]);
        var shirt = new CatalogItem(Guid.NewGuid(), "قميص قطن", "Cotton shirt", [], 20_000, 5, ["M"], ["أبيض"]);
        IReadOnlyList<CatalogItem> catalog = [longSkirt, shortSkirt, shirt];
        var state = new SalesState();
        OfflineReply Say(string text) => (OfflineResponder.Respond(new OfflineRequest(text, catalog, "متجر", state)) is var r ? (state = r.State, r).r : null)!;

        var list = Say("shno 3ndkom tanourat?");
        Assert.Equal([25_000L, 30_000L], PriceMentions.Extract(list.Text).Order());

        Say("el tawila M safra");

        var line = Assert.Single(state.Cart);
        Assert.Equal((longSkirt.Id, "M", "أصفر"), (line.ProductId, line.Size, line.Colour));
    }

    [Fact]
    public void Arabizi_words_that_all_fit_one_product_name_it_alone()
    {
        var reply = new Chat().Say("3ndkom fustan seifi?");

        Assert.Equal(Sku("BSF-008").Id, reply.State.FocusProductId);
        Assert.Equal([Sku("BSF-008").PriceIqd], PriceMentions.Extract(reply.Text));
    }

    [Fact]
    public void An_arabizi_broken_plural_of_the_arabic_name_finds_the_product_and_the_details_go_into_the_order()
    {
        var chat = new Chat();

        var answer = chat.Say("salam, 3ndkom a7thiya riyadiya?");

        Assert.Equal(Sku("BSF-010").Id, answer.State.FocusProductId);
        Assert.Equal([Sku("BSF-010").PriceIqd], PriceMentions.Extract(answer.Text));
        Assert.DoesNotContain("ما نبيع", answer.Text);

        chat.Say("abyad 41");

        var line = Assert.Single(chat.State.Cart);
        Assert.Equal((Sku("BSF-010").Id, "41", "أبيض"), (line.ProductId, line.Size, line.Colour));
    }

    [Theory]
    [InlineData("عندكم احذية رياضية؟", "حذاء رياضي")]
    [InlineData("a7thiya riyadiya?", "حذاء رياضي")]
    [InlineData("عدكم قمصان؟", "قميص قطن")]
    [InlineData("3ndkom qumsan?", "قميص قطن")]
    [InlineData("عدكم حقائب؟", "حقيبة يد")]
    [InlineData("3ndkom 7aqa2ib?", "حقيبة يد")]
    [InlineData("عندكم بناطيل؟", "بنطلون جينز")]
    [InlineData("banateel 3ndkom?", "بنطلون جينز")]
    [InlineData("عندكم عباءات؟", "عباية سوداء")]
    public void Broken_plurals_find_a_product_whose_catalog_lists_only_the_singular(string question, string name)
    {
        IReadOnlyList<CatalogItem> catalog =
        [
            new(Guid.NewGuid(), "حذاء رياضي", "Sneakers", [], 55_000, 5, ["41", "42"], ["أبيض"]),
            new(Guid.NewGuid(), "قميص قطن", "Cotton shirt", [], 20_000, 5, ["M"], ["أبيض"]),
            new(Guid.NewGuid(), "حقيبة يد", "Handbag", [], 40_000, 5, [], ["أسود"]),
            new(Guid.NewGuid(), "بنطلون جينز", "Jeans", [], 30_000, 5, ["32"], ["أزرق"]),
            new(Guid.NewGuid(), "عباية سوداء", "Black abaya", [], 45_000, 5, ["M"], ["أسود"]),
        ];

        var reply = OfflineResponder.Respond(new OfflineRequest(question, catalog, "متجر"));

        var product = catalog.Single(c => c.NameAr == name);
        Assert.Equal(product.Id, reply.State.FocusProductId);
        Assert.Equal([product.PriceIqd], PriceMentions.Extract(reply.Text));
    }

    [Fact]
    public void Arabizi_this_and_one_are_not_product_words()
    {
        Assert.Null(new Chat().Say("shgad hatha?").State.FocusProductId);

        var chat = new Chat();
        chat.Say("3ndkom 7itha riyadi?");
        chat.Say("abi wa7ad abyad 42");
        Assert.Equal(Sku("BSF-010").Id, Assert.Single(chat.State.Cart).ProductId);
    }

    [Theory]
    [InlineData("abi hoodie XL", "azraq")]
    [InlineData("اريد هودي XL", "ازرق")]
    [InlineData("I want the hoodie in XL", "red")]
    public void A_colour_the_product_lacks_is_said_to_be_missing_with_the_colours_it_has(string order, string colour)
    {
        var chat = new Chat();
        chat.Say(order);

        var reply = chat.Say(colour);

        Assert.True(reply.Text.Contains("مو متوفر") || reply.Text.Contains("ماكو") || reply.Text.Contains("isn't available"), reply.Text);
        Assert.True(reply.Text.Contains("رصاصي") || reply.Text.Contains("grey"), reply.Text);
        Assert.Null(Assert.Single(chat.State.Cart).Colour);

        chat.Say(colour.Any(char.IsAsciiLetter) ? (colour == "red" ? "grey" : "rasasi") : "رصاصي");
        Assert.Equal("رصاصي", Assert.Single(chat.State.Cart).Colour);
    }

    [Theory]
    [InlineData("a7mar 42")]
    [InlineData("احمر 42")]
    [InlineData("azraq")]
    public void A_colour_the_product_in_focus_lacks_is_answered_before_any_order(string details)
    {
        var chat = new Chat();
        chat.Say("3ndkom 7itha riyadi?");

        var reply = chat.Say(details);

        Assert.True(reply.Text.Contains("ماكو هذا اللون"), reply.Text);
        Assert.Contains("أبيض", reply.Text);
        Assert.Empty(chat.State.Cart);
    }
}
