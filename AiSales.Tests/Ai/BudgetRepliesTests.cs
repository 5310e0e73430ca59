using AiSales.Core.Conversations;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Text;

namespace AiSales.Tests.Ai;

/// <summary>
/// "اريد هدية لزوجي بحدود ٥٠ الف": a budget is not an offer to haggle over. The answer is what fits it, for the person the
/// customer buys for when the message says, and the next message picks from that list.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BudgetRepliesTests
{
    private static readonly IReadOnlyList<CatalogItem> Catalog = SampleCatalog.DemoShop;

    private static CatalogItem Item(string sku) => Catalog.Single(c => c.Sku == sku);

    private static OfflineReply Say(string text, SalesState? state = null) =>
        OfflineResponder.Respond(new OfflineRequest(text, Catalog, "متجر بغداد للأزياء", state, MerchantNameEn: "Baghdad Style"));

    [Theory]
    [InlineData("اريد هدية بحدود ٥٠ الف", 50_000)]
    [InlineData("عندي ميزانية ٣٠ الف", 30_000)]
    [InlineData("ميزانيتي 40,000 دينار", 40_000)]
    [InlineData("شي تحت ال ٤٠ لبنتي", 40_000)]          // a bare number after a limit word is thousands
    [InlineData("عندي 50 الف شنو اكدر اشتري", 50_000)]
    [InlineData("gift for my wife under 50k", 50_000)]
    [InlineData("budget is 30,000", 30_000)]
    [InlineData("شي حلو وبحدود 40 الف", 40_000)]
    [InlineData("b7dood 40 alf shno 3ndkom", 40_000)]
    public void A_limit_word_before_an_amount_is_a_budget(string text, long budget) => Assert.Equal(budget, Budget.In(text));

    [Theory]
    [InlineData("اريده ب 40 الف")]      // an offer for the product in focus
    [InlineData("اخذه ب 35")]
    [InlineData("ادفع 30 الف بس")]
    [InlineData("عندي طلب 1004")]        // an order number, not money to spend
    [InlineData("عندي سؤال عن التوصيل")]
    [InlineData("تحت البيت اكو محل")]
    [InlineData("شكد يطول التوصيل حوالي 3 ايام؟")] // a bare number with a unit counts something else
    [InlineData("around 2 days?")]
    [InlineData("فتحت 2 طلبات")]                    // "تحت" inside another word
    [InlineData("ملابس لطفل تحت 10 سنين")]
    public void An_offer_or_a_number_that_is_not_money_to_spend_is_no_budget(string text) => Assert.Null(Budget.In(text));

    [Theory]
    [InlineData("هدية لزوجي", Audience.Men)]
    [InlineData("شي لابوي", Audience.Men)]
    [InlineData("اريد شي لمرتي", Audience.Women)]
    [InlineData("something for my sister", Audience.Women)]
    [InlineData("ملابس لابني عمره 5", Audience.Kids)]
    public void Who_the_customer_buys_for(string text, Audience audience) => Assert.Equal(audience, Audiences.For(new NormalizedMessage(text)));

    [Fact]
    public void Who_a_product_is_for_comes_from_its_names_and_a_product_without_such_a_word_is_for_anyone()
    {
        Assert.Equal(Audience.Men, Audiences.Of(Item("BSF-019")));   // عطر رجالي
        Assert.Equal(Audience.Women, Audiences.Of(Item("BSF-016"))); // حقيبة يد نسائية
        Assert.Equal(Audience.Women, Audiences.Of(Item("BSF-001"))); // عباية
        Assert.Equal(Audience.Kids, Audiences.Of(Item("BSF-020")));  // ملابس أطفال طقم
        Assert.Null(Audiences.Of(Item("BSF-014")));                  // هودي شتوي
    }

    [Fact]
    public void A_gift_for_a_husband_within_a_budget_lists_what_fits_mens_first_and_nothing_for_women_and_no_haggle_reply()
    {
        var reply = Say("هلا، اريد هدية لزوجي بحدود ٥٠ الف شنو عدكم؟");

        Assert.False(reply.Handoff);
        Assert.Contains("ضمن ميزانيتك", reply.Text);
        Assert.DoesNotContain("خصم", reply.Text);
        Assert.DoesNotContain("ثابتة", reply.Text);
        var listed = reply.State.Choices.Select(id => Catalog.Single(c => c.Id == id)).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, i => Assert.True(i.PriceIqd <= 50_000, $"{i.NameAr} {i.PriceIqd}"));
        Assert.All(listed, i => Assert.NotEqual(Audience.Women, Audiences.Of(i)));
        Assert.All(listed, i => Assert.NotEqual(Audience.Kids, Audiences.Of(i)));
        Assert.Equal(Audience.Men, Audiences.Of(listed[0]));
        Assert.Equal("BSF-019", listed[0].Sku); // the dearest men's product within 50,000: the perfume at 38,000
        foreach (var item in listed) Assert.Contains(item.PriceIqd.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), reply.Text);
        Assert.DoesNotContain("50,000", reply.Text); // only catalog amounts are quoted
    }

    [Fact]
    public void The_next_message_picks_from_the_list_and_the_sale_goes_on()
    {
        var listed = Say("gift for my wife under 50k?");
        Assert.Contains("Within your budget", listed.Text);
        Assert.All(listed.State.Choices.Select(id => Catalog.Single(c => c.Id == id)), i => Assert.NotEqual(Audience.Men, Audiences.Of(i)));

        var picked = Say("the second one", listed.State);
        var second = Catalog.Single(c => c.Id == listed.State.Choices[1]);
        Assert.Equal(second.Id, picked.State.FocusProductId);
        Assert.Contains(second.PriceIqd.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), picked.Text);
    }

    [Fact]
    public void A_product_named_with_a_budget_is_answered_about_without_a_haggle_reply()
    {
        // Found playing the README's AppHost: "25k" was taken for a counter-offer on the kids' set (20,000).
        var reply = Say("Hi, do you have anything for kids under 25k?");
        Assert.Equal(Item("BSF-020").Id, reply.State.FocusProductId);
        Assert.Contains("20,000", reply.Text);
        Assert.DoesNotContain("fixed", reply.Text);
        Assert.DoesNotContain("25,000", reply.Text);
    }

    [Fact]
    public void Nothing_within_the_budget_says_so_and_offers_the_cheapest()
    {
        var reply = Say("شي تحت ال ٥ الاف");
        Assert.Contains("ماكو شي ضمن هالميزانية", reply.Text);
        Assert.Contains("8,000", reply.Text); // the hijab, the cheapest in stock
    }
}
