using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Text;

namespace AiSales.Tests.Ai;

/// <summary>
/// Whole conversations through the offline responder, the state threaded from turn to turn as the Worker saves it:
/// the product in focus survives follow-ups, the order is collected and placed, hand-offs are always announced.
/// The demo shop's catalog (BSF-001…) is the one customers meet.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class SalesConversationTests
{
    private static readonly IReadOnlyList<CatalogItem> Catalog = SampleCatalog.DemoShop;

    private static CatalogItem Sku(string sku) => Catalog.Single(c => c.Sku == sku);

    private sealed class Chat
    {
        public SalesState State { get; private set; } = new();
        public List<OfflineReply> Replies { get; } = [];

        public OfflineReply Say(string text)
        {
            var reply = OfflineResponder.Respond(new OfflineRequest(text, Catalog, "متجر بغداد للأزياء", State, MerchantNameEn: "Baghdad Style"));
            State = reply.State;
            Replies.Add(reply);
            return reply;
        }
    }

    [Fact]
    public void A_follow_up_size_question_is_about_the_product_just_quoted()
    {
        var chat = new Chat();
        var first = chat.Say("شكد سعر عباية مطرزة");
        Assert.Contains("65,000", first.Text);

        var second = chat.Say("اكو قياس لارج؟");
        Assert.Contains("عباية مطرزة", second.Text);
        Assert.Contains("L", second.Text);
        Assert.False(second.Handoff);

        var third = chat.Say("شكد سعرها؟");
        Assert.Equal([65_000L], PriceMentions.Extract(third.Text));
    }

    [Fact]
    public void Naming_another_product_switches_the_focus()
    {
        var chat = new Chat();
        chat.Say("بيش الجينز؟");
        var shirt = chat.Say("والقميص؟ شكد سعره");
        Assert.Contains("25,000", shirt.Text);
        var again = chat.Say("اكو ابيض؟");
        Assert.Contains("قميص", again.Text);
    }

    [Fact]
    public void An_order_is_collected_summarised_and_placed_on_yes()
    {
        var chat = new Chat();
        chat.Say("هلو شكد سعر عباية مطرزة");
        var order = chat.Say("اريدها قياس L لون اسود");
        Assert.Equal(SalesStep.Collecting, chat.State.Step);
        Assert.Contains("المحافظة", order.Text);
        Assert.DoesNotContain("قياس عباية", order.Text); // size was given: not asked again

        var details = chat.Say("بغداد الكرادة قرب ساحة كهرمانة 0770 123 4567");
        Assert.Equal(SalesStep.Confirming, chat.State.Step);
        Assert.Contains("65,000", details.Text);
        Assert.Contains("5,000", details.Text);
        Assert.Contains("70,000", details.Text);
        Assert.Null(details.Order);

        var yes = chat.Say("اي ثبت");
        Assert.NotNull(yes.Order);
        var line = Assert.Single(yes.Order!.Lines);
        Assert.Equal(Sku("BSF-002").Id, line.ProductId);
        Assert.Equal(1, line.Quantity);
        Assert.Equal("L", line.Size);
        Assert.Equal("أسود", line.Colour);
        Assert.Equal("Baghdad", yes.Order.Governorate);
        Assert.Equal("07701234567", yes.Order.Phone);
        Assert.Equal(70_000, yes.Order.TotalIqd);
        Assert.Contains(LeadSignal.OrderPlaced, yes.LeadSignals);
        Assert.Equal(SalesStep.Ordered, chat.State.Step);
    }

    [Fact]
    public void Two_colours_of_one_product_make_two_lines()
    {
        var chat = new Chat();
        chat.Say("عدكم تيشيرت قطن؟");
        chat.Say("اريد وحدة سودة ووحدة بيضة قياس M");
        var summary = chat.Say("البصرة، حي الجزائر قرب جامع الرحمن، 07801112233");
        Assert.Contains("30,000", summary.Text); // 2 × 15,000
        Assert.Contains("38,000", summary.Text); // + 8,000 delivery
        var placed = chat.Say("تمام");
        Assert.NotNull(placed.Order);
        Assert.Equal(2, placed.Order!.Lines.Count);
        Assert.Equal(["أبيض", "أسود"], placed.Order.Lines.Select(l => l.Colour ?? "").Order().ToArray());
        Assert.Equal("Basra", placed.Order.Governorate);
    }

    [Fact]
    public void English_customer_orders_two_with_everything_in_one_message()
    {
        var chat = new Chat();
        var price = chat.Say("how much is the leather jacket?");
        Assert.Contains("95,000", price.Text);
        var all = chat.Say("I'll take two, size XL, black. Erbil, 100m street near Family Mall, +964 750 123 4567");
        Assert.Contains("190,000", all.Text);
        Assert.Contains("198,000", all.Text);
        var placed = chat.Say("yes please confirm");
        Assert.NotNull(placed.Order);
        Assert.Equal(2, placed.Order!.Lines.Single().Quantity);
        Assert.Equal("07501234567", placed.Order.Phone);
        Assert.Equal("Erbil", placed.Order.Governorate);
    }

    [Theory]
    [InlineData("I'd like 2, black, size M", 2)]
    [InlineData("اريد ٣، قياس M لون اسود", 3)]
    [InlineData("انطيني قطعتين M سودة", 2)]
    public void A_quantity_next_to_a_comma_or_in_words_is_the_quantity(string text, int quantity)
    {
        var chat = new Chat();
        chat.Say("عدكم هودي؟");
        var reply = chat.Say(text);
        Assert.Equal(quantity, Assert.Single(chat.State.Cart).Quantity);
        Assert.Contains((quantity * 32_000).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), reply.Text);
    }

    [Fact]
    public void Two_products_in_one_price_question_get_both_prices()
    {
        var reply = new Chat().Say("بيش العباية والجينز؟");
        Assert.Contains("45,000", reply.Text);
        Assert.Contains("30,000", reply.Text);
    }

    [Fact]
    public void A_thumbs_up_to_the_summary_places_the_order()
    {
        var chat = new Chat();
        chat.Say("اريد حجاب شيفون اسود");
        chat.Say("النجف حي الامير قرب مدرسة الزهراء 07701234567");
        Assert.Equal(SalesStep.Confirming, chat.State.Step);
        Assert.NotNull(chat.Say("👍").Order);
    }

    [Fact]
    public void A_counter_offer_is_haggling_not_an_order_or_a_size()
    {
        var chat = new Chat();
        chat.Say("سعر الفستان الصيفي");
        var reply = chat.Say("اخذه ب 35");
        Assert.Equal(SalesStep.Browsing, chat.State.Step);
        Assert.Contains("40,000", reply.Text);
        Assert.DoesNotContain("قياس 35", reply.Text);
    }

    [Fact]
    public void A_delivery_question_about_the_product_in_focus_is_answered_as_delivery()
    {
        var chat = new Chat();
        chat.Say("سعر الفستان الصيفي");
        var reply = chat.Say("اكو توصيل مجاني؟");
        Assert.Contains("5,000", reply.Text);
        Assert.DoesNotContain("40,000", reply.Text);
    }

    [Fact]
    public void Ramadi_in_an_address_is_a_place_not_the_colour_grey()
    {
        var chat = new Chat();
        chat.Say("اريد حذاء رياضي 44 ابيض");
        var summary = chat.Say("الأنبار، الرمادي، حي الضباط قرب الجامع الكبير، 07701231234");
        Assert.Equal(SalesStep.Confirming, chat.State.Step);
        Assert.DoesNotContain("مو متوفر", summary.Text);
        Assert.Equal("أبيض", Assert.Single(chat.State.Cart).Colour);
    }

    [Fact]
    public void A_yes_with_the_details_is_the_order_and_a_colour_the_product_lacks_is_said()
    {
        var chat = new Chat();
        chat.Say("شكد سعر العباية السوداء الكلاسيك");
        var reply = chat.Say("حسناً، مقاس M باللون الكحلي");
        Assert.Equal(SalesStep.Collecting, chat.State.Step);
        Assert.Contains("مو متوفر", reply.Text); // navy asked, the product only comes in black: said, not swapped silently
    }

    [Fact]
    public void Arabizi_with_a_digit_letter_matches_the_product_that_explains_every_word()
    {
        var reply = new Chat().Say("slm 3likum, shgad el 3baya el mutarraza?");
        Assert.Contains("65,000", reply.Text);
        Assert.DoesNotContain("45,000", reply.Text);
    }

    [Fact]
    public void A_colour_changed_at_the_summary_replaces_the_old_one()
    {
        var chat = new Chat();
        chat.Say("عدكم ساعات؟");
        chat.Say("الذهبي بيش؟");
        chat.Say("اريدها");
        chat.Say("الناصرية قرب الحبوبي، ٠٧٨٠١٢٣٤٥٦٧");
        var summary = chat.Say("لا لحظة اريدها فضي");
        Assert.Equal("فضي", Assert.Single(chat.State.Cart).Colour);
        Assert.Contains("فضي", summary.Text);
    }

    [Fact]
    public void While_a_hand_off_waits_an_unclear_message_is_told_it_reached_the_team()
    {
        var chat = new Chat();
        chat.Say("الطلب مالتي تأخر اسبوع");
        var reply = chat.Say("وين صار؟");
        Assert.False(reply.Handoff); // no second hand-off, no "which product?"
        Assert.DoesNotContain("المنتج", reply.Text);
    }

    [Fact]
    public void Asking_for_a_person_is_announced_and_the_chat_goes_on_while_nobody_answered()
    {
        var chat = new Chat();
        var handoff = chat.Say("اريد احچي ويه موظف");
        Assert.True(handoff.Handoff);
        Assert.Contains("وقت", handoff.Text); // "…بأقرب وقت": a person will answer
        var thanks = chat.Say("شكرا");
        Assert.False(string.IsNullOrWhiteSpace(thanks.Text));
    }

    [Theory]
    [InlineData("الطلب ما وصلني لحد هسه", HandoffReason.Complaint)]
    [InlineData("القياس ما جاي عليه اريد ابدله", HandoffReason.ReturnOrExchange)]
    [InlineData("I want a refund", HandoffReason.ReturnOrExchange)]
    public void Complaints_and_returns_hand_off_with_words(string text, string reason)
    {
        var reply = new Chat().Say(text);
        Assert.True(reply.Handoff);
        Assert.Equal(reason, reply.HandoffReason);
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
    }

    [Fact]
    public void A_product_the_shop_does_not_sell_is_said_plainly_not_handed_off()
    {
        var reply = new Chat().Say("عدكم لابتوب؟");
        Assert.False(reply.Handoff);
        Assert.Contains("لابتوب", reply.Text);
        Assert.All(PriceMentions.Extract(reply.Text), p => Assert.Contains(Catalog, c => c.PriceIqd == p));
    }

    [Fact]
    public void Out_of_stock_is_said_with_alternatives()
    {
        var reply = new Chat().Say("اريد نظارة شمسية");
        Assert.Contains("خلصت", reply.Text);
        Assert.Contains(LeadSignal.OutOfStock, reply.LeadSignals);
        Assert.Null(reply.Order);
    }

    [Fact]
    public void Two_unclear_turns_in_a_row_hand_off_with_an_announcement()
    {
        var chat = new Chat();
        var first = chat.Say("ققققق");
        Assert.False(first.Handoff);
        var second = chat.Say("ززززز");
        Assert.True(second.Handoff);
        Assert.Equal(HandoffReason.NotUnderstood, second.HandoffReason);
    }

    [Fact]
    public void Delivery_reply_joins_the_preposition_to_the_name()
    {
        var reply = new Chat().Say("توصلون للبصرة؟");
        Assert.Contains("للبصرة", reply.Text);
        Assert.DoesNotContain("لـال", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Feminine_products_agree()
    {
        var reply = new Chat().Say("شكد سعر العباية المطرزة");
        Assert.Contains("سعرها", reply.Text);
    }

    [Theory]
    [InlineData("هل يتوفر لديكم حذاء رياضي مقاس 42؟", "BSF-010", "42")]
    [InlineData("do you have the hoodie in XL?", "BSF-014", "XL")]
    [InlineData("3ndkom 7ijab aswad?", "BSF-009", "أسود")]
    public void A_size_or_colour_question_that_brings_up_a_product_gives_its_price_too(string question, string sku, string detail)
    {
        var reply = new Chat().Say(question);

        Assert.Contains(detail, reply.Text);
        Assert.Equal([Sku(sku).PriceIqd], PriceMentions.Extract(reply.Text));
    }
}
