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
}
