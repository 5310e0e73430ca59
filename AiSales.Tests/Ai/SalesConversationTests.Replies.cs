using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Text;

namespace AiSales.Tests.Ai;

/// <summary>How customers answer the assistant's offer without repeating what it asked: a district for the address,
/// details alone after a price, a "no" that names another product, plurals, Latin place names, reactions.</summary>
public sealed partial class SalesConversationTests
{
    [Theory]
    [InlineData("بغداد زيونة 07801112233", "زيونة")]
    [InlineData("البصره العشار 07712223344", "العشار")]
    [InlineData("عفوا الرقم 07701234567 الكرادة", "الكرادة")]
    public void A_district_is_the_address_and_the_city(string details, string district)
    {
        var chat = new Chat();
        chat.Say(details.StartsWith("عفوا", StringComparison.Ordinal) ? "اريد عباية سودة قياس M بغداد" : "اريد هودي لارج رصاصي");
        var summary = chat.Say(details);

        Assert.Equal(SalesStep.Confirming, chat.State.Step);
        Assert.Contains(district, chat.State.Address);
        Assert.DoesNotContain("عفوا", chat.State.Address);
        Assert.Contains("07", summary.Text);
        var placed = chat.Say("اي").Order;
        Assert.NotNull(placed);
        Assert.Equal(district, placed.City);
    }

    [Fact]
    public void A_district_alone_answers_governorate_and_address()
    {
        var chat = new Chat();
        chat.Say("اريد جينز 32 ازرق");
        var reply = chat.Say("الكرادة");

        Assert.Equal("Baghdad", chat.State.Governorate);
        Assert.Equal("الكرادة", chat.State.Address);
        Assert.Contains("رقم الموبايل", reply.Text);
        Assert.DoesNotContain("العنوان", reply.Text);
    }

    [Theory]
    [InlineData("شكد الحذاء الرياضي", "42 اسود", "42", "أسود")]
    [InlineData("شكد الهودي", "لارج اسود عيوني", "L", "أسود")]
    [InlineData("how much is the hoodie", "L grey", "L", "رصاصي")]
    [InlineData("شكد العطر", "100 مل", "100ml", null)]
    public void Details_alone_after_the_price_take_that_variant(string question, string details, string size, string? colour)
    {
        var chat = new Chat();
        chat.Say(question);
        chat.Say(details);

        Assert.Equal(SalesStep.Collecting, chat.State.Step);
        var line = Assert.Single(chat.State.Cart);
        Assert.Equal(size, line.Size);
        Assert.Equal(colour, line.Colour);
    }

    [Fact]
    public void Asking_for_a_size_is_still_a_question()
    {
        var chat = new Chat();
        chat.Say("شكد الهودي");
        var reply = chat.Say("اكو لارج؟");

        Assert.Equal(SalesStep.Browsing, chat.State.Step);
        Assert.Empty(chat.State.Cart);
        Assert.Contains("L", reply.Text);
    }

    [Fact]
    public void A_no_that_names_another_product_turns_to_it()
    {
        var chat = new Chat();
        chat.Say("عدكم ساعات؟");
        var reply = chat.Say("لا خلي اشوف العطر");

        Assert.Equal(Sku("BSF-019").Id, chat.State.FocusProductId);
        Assert.Equal([38_000L], PriceMentions.Extract(reply.Text));
    }

    [Fact]
    public void A_no_with_another_product_mid_order_replaces_the_item()
    {
        var chat = new Chat();
        chat.Say("اريد ساعة فضي");
        chat.Say("لا، اريد العطر بداله 50 مل");

        var line = Assert.Single(chat.State.Cart);
        Assert.Equal(Sku("BSF-019").Id, line.ProductId);
        Assert.Equal("50ml", line.Size);
    }

    [Fact]
    public void A_no_about_the_product_in_focus_still_declines()
    {
        var chat = new Chat();
        chat.Say("شكد الساعة");
        var reply = chat.Say("لا ما اريدها");

        Assert.Empty(PriceMentions.Extract(reply.Text));
        Assert.Equal(SalesStep.Browsing, chat.State.Step);
    }

    [Theory]
    [InlineData("عدكم عطور؟", "BSF-019")]
    [InlineData("عدكم شنط؟", "BSF-016")]
    [InlineData("عندكم اطقم اطفال؟", "BSF-020")]
    [InlineData("عندكم دشاديش بيض؟", "BSF-003")]
    public void Broken_plurals_find_the_product(string question, string sku)
    {
        var chat = new Chat();
        chat.Say(question);
        Assert.Equal(Sku(sku).Id, chat.State.FocusProductId);
    }

    [Theory]
    [InlineData("do you have handbags?", "BSF-016")]
    [InlineData("do you have a handbag", "BSF-016")]
    [InlineData("bags", "BSF-016")]
    [InlineData("ladies bags price", "BSF-016")]
    [InlineData("wristwatches", "BSF-017")]
    [InlineData("hoodies price", "BSF-014")]
    [InlineData("bshgad el janta", "BSF-016")]
    public void English_plurals_compounds_and_arabizi_find_the_product_and_its_price(string question, string sku)
    {
        var chat = new Chat();
        var reply = chat.Say(question);
        Assert.Equal(Sku(sku).Id, chat.State.FocusProductId);
        Assert.Contains(Sku(sku).PriceIqd.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), reply.Text);
    }

    [Theory]
    [InlineData("can we chat?", false)]
    [InlineData("do you have sunhats", true)]
    [InlineData("hats", true)]
    public void A_compound_is_its_last_word_only_when_what_comes_before_is_a_word(string question, bool isTheHat)
    {
        var hat = new CatalogItem(Guid.NewGuid(), "قبعة", "Hat", [], 12_000, 5, [], []);
        var reply = OfflineResponder.Respond(new OfflineRequest(question, [hat], "متجر"));
        Assert.Equal(isTheHat, reply.State.FocusProductId == hat.Id);
    }

    [Fact]
    public void Latin_place_names_and_arabizi_keep_an_arabic_conversation_arabic()
    {
        var chat = new Chat();
        chat.Say("bkam el jaket?");
        chat.Say("ariid wa7id medium aswad");
        var summary = chat.Say("baghdad al mansour 07701234567");
        Assert.Equal("ar", chat.State.Language);
        Assert.Contains("ملخص", summary.Text);
        var placed = chat.Say("ee tamam");
        Assert.NotNull(placed.Order);
        Assert.Equal("ar", chat.State.Language);

        var english = chat.Say("how much is delivery to basra?");
        Assert.Equal("en", chat.State.Language);
        Assert.Contains("IQD", english.Text);
    }

    [Fact]
    public void A_size_alone_is_not_english()
    {
        var chat = new Chat();
        chat.Say("شكد الفستان السهرة");
        var reply = chat.Say("XXL");
        Assert.Equal("ar", chat.State.Language);
        Assert.Contains("S، M، L", reply.Text);
    }

    [Fact]
    public void A_request_line_is_not_the_address()
    {
        var chat = new Chat();
        chat.Say("Hi, I'd like to order 2 black hijabs");
        var reply = chat.Say("deliver to Najaf please, my number is +964 770 123 4567");

        Assert.Null(chat.State.Address);
        Assert.Equal("07701234567", chat.State.Phone);
        Assert.Contains("address", reply.Text);
        chat.Say("near the old city, Al-Rasool street");
        Assert.Equal(SalesStep.Confirming, chat.State.Step);
    }

    [Fact]
    public void The_city_is_kept_beside_a_marked_address()
    {
        var chat = new Chat();
        chat.Say("اريد دشداشة XL ابيض");
        chat.Say("صلاح الدين تكريت 07711112222 حي القادسية");
        var placed = chat.Say("موافق").Order;

        Assert.NotNull(placed);
        Assert.Equal("SalahAlDin", placed.Governorate);
        Assert.Equal("تكريت", placed.City);
        Assert.Contains("حي القادسية", placed.Address);
    }

    [Theory]
    [InlineData("👍")]
    [InlineData("❤️")]
    [InlineData("🌹🌹")]
    public void A_reaction_with_nothing_on_the_table_gets_a_welcome_not_a_hand_off(string reaction)
    {
        var chat = new Chat();
        var first = chat.Say(reaction);
        var second = chat.Say(reaction);

        Assert.False(second.Handoff);
        Assert.Equal(0, chat.State.UnclearTurns);
        Assert.DoesNotContain("ما فهمت", first.Text);
    }

    [Fact]
    public void An_amount_alone_is_not_an_unknown_product()
    {
        var reply = new Chat().Say("15 الف؟");
        Assert.DoesNotContain("ما نبيع", reply.Text);
        Assert.DoesNotContain("الف\"", reply.Text);
    }

    [Fact]
    public void Arabizi_greeting_words_with_endings_are_answered_in_arabic()
    {
        var chat = new Chat();
        chat.Say("shlonkum");
        Assert.Equal("ar", chat.State.Language);
    }
}
