using System.Text.RegularExpressions;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Text;

namespace AiSales.Tests.Ai;

[Trait("Category", "Unit")]
public partial class OfflineResponderTests
{
    [Theory]
    [InlineData("شگد سعر الجاكيت؟", 45_000)]
    [InlineData("بيش الجاكيت الجلد", 45_000)]
    [InlineData("هلا، شكد سعر العطر؟", 30_000)]
    [InlineData("ابيش عطر العود", 30_000)]
    [InlineData("بكم الساعة", 25_000)]
    [InlineData("bkam el jacket", 45_000)]
    [InlineData("هلو\nعدكم عطر؟\nبيش؟", 30_000)]
    public void Price_reply_quotes_the_catalog_price_and_no_other_amount(string message, long price)
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask(message));

        Assert.Contains(price.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " دينار", reply.Text);
        Assert.Equal([price], PriceMentions.Extract(reply.Text));
        Assert.Contains(LeadSignal.PriceAsked, reply.LeadSignals);
        Assert.False(reply.Handoff);
        Assert.Single(reply.ProductIds);
        // In-stock items with plenty left: no digits besides the price itself.
        Assert.Equal(price.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Concat(Digits().Matches(reply.Text).Select(m => m.Value)));
    }

    [Fact]
    public void Out_of_stock_product_says_so_and_does_not_take_the_order()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("احجزلي فستان السهرة"));

        Assert.Contains("خلص، ماكو هسه", reply.Text);
        Assert.Contains("60,000 دينار", reply.Text);
        Assert.Contains(LeadSignal.OutOfStock, reply.LeadSignals);
        Assert.DoesNotContain("العنوان", reply.Text);
        Assert.Equal([SampleCatalog.Dress.Id], reply.ProductIds);
    }

    [Fact]
    public void Low_stock_says_how_many_are_left()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("موجود الحذاء الرياضي؟"));

        Assert.Contains("باقي بس 2", reply.Text);
        Assert.Contains("35,000 دينار", reply.Text);
        Assert.Contains("40، 41، 42، 43", reply.Text);
    }

    [Theory]
    [InlineData("اريد احچي ويه موظف", HandoffReason.WantsHuman)]
    [InlineData("ممكن اكلم صاحب المحل؟", HandoffReason.WantsHuman)]
    [InlineData("I want to talk to a human please", HandoffReason.WantsHuman)]
    [InlineData("الطلب ما وصلني لحد هسه", HandoffReason.Complaint)]
    [InlineData("الجاكيت طلع خربان", HandoffReason.Complaint)]
    [InlineData("my order never arrived", HandoffReason.Complaint)]
    public void Wanting_a_person_or_complaining_hands_off(string message, string reason)
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask(message));

        Assert.True(reply.Handoff);
        Assert.Equal(reason, reply.HandoffReason);
        Assert.Empty(PriceMentions.Extract(reply.Text));
    }

    [Fact]
    public void English_question_gets_an_English_reply()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("Hi, how much is the leather jacket? Do you have size M?"));

        Assert.Equal(CustomerScript.English, reply.Script);
        Assert.Contains("45,000 IQD", reply.Text);
        Assert.Contains("Leather jacket", reply.Text);
        Assert.Contains("size M", reply.Text); // the size asked about, answered
        // The only Arabic left may be the merchant's own colour names (catalog data, quoted as entered).
        var withoutCatalogData = SampleCatalog.Jacket.Colours.Aggregate(reply.Text, (t, c) => t.Replace(c, string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain(withoutCatalogData, c => c is >= '\u0600' and <= '\u06FF');
    }

    [Fact]
    public void Arabizi_question_gets_an_Arabic_script_reply()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("shgad si3r el jacket"));

        Assert.Equal(CustomerScript.Arabizi, reply.Script);
        Assert.Contains("45,000 دينار", reply.Text);
        Assert.Contains("جاكيت جلد", reply.Text);
    }

    [Fact]
    public void Same_message_gives_the_same_reply()
    {
        var first = OfflineResponder.Respond(SampleCatalog.Ask("هلا شگد سعر العطر وتوصلون للبصرة؟"));
        var second = OfflineResponder.Respond(SampleCatalog.Ask("هلا شگد سعر العطر وتوصلون للبصرة؟"));

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.LeadSignals, second.LeadSignals);
        Assert.Equal(first.Confidence, second.Confidence);
    }

    [Fact]
    public void Phrasing_varies_between_different_messages()
    {
        string[] greetings = ["هلو", "هلا", "مرحبا", "السلام عليكم", "شلونكم", "hala", "هلاو", "اهلين", "شخبارك"];
        var texts = greetings.Select(g => OfflineResponder.Respond(SampleCatalog.Ask(g)).Text).Distinct().ToArray();

        Assert.True(texts.Length >= 2, string.Join(" | ", texts));
    }

    [Fact]
    public void Follow_up_question_resolves_to_the_last_product_discussed()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("شكد سعره؟", lastProduct: SampleCatalog.Perfume.Id));

        Assert.Equal([SampleCatalog.Perfume.Id], reply.ProductIds);
        Assert.Equal([30_000L], PriceMentions.Extract(reply.Text));
    }

    [Fact]
    public void Product_question_without_a_product_asks_which_and_keeps_the_chat_without_inventing_a_price()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("شكد سعره؟"));

        // Not knowing the product is a clarifying question, never a (silent) hand-off.
        Assert.False(reply.Handoff);
        Assert.Empty(reply.ProductIds);
        Assert.Empty(PriceMentions.Extract(reply.Text));
        Assert.Contains("عدنا", reply.Text);
    }

    [Fact]
    public void Inactive_product_is_never_quoted()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("بكم النظارة الشمسية"));

        Assert.DoesNotContain(SampleCatalog.Sunglasses.Id, reply.ProductIds);
        Assert.DoesNotContain("15,000", reply.Text);
    }

    [Fact]
    public void Order_with_governorate_asks_only_for_phone_and_address_and_quotes_delivery()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("اريد الجاكيت الجلد، اني من البصرة"));

        Assert.Equal(CustomerIntent.Order, reply.Intent);
        Assert.Equal("Basra", reply.Governorate?.Key);
        Assert.Contains(LeadSignal.OrderIntent, reply.LeadSignals);
        Assert.Contains(LeadSignal.Governorate, reply.LeadSignals);
        Assert.Contains("رقم الموبايل", reply.Text);
        Assert.Contains("العنوان", reply.Text);
        Assert.DoesNotContain("المحافظة", reply.Text);
        Assert.Equal([45_000L, 8_000L], PriceMentions.Extract(reply.Text));
    }

    [Fact]
    public void Order_with_phone_does_not_ask_for_the_phone_again()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("انطيني العطر، بغداد المنصور، رقمي ٠٧٧٠ ١٢٣ ٤٥٦٧"));

        Assert.Contains(LeadSignal.PhoneGiven, reply.LeadSignals);
        Assert.Equal("Baghdad", reply.Governorate?.Key);
        Assert.DoesNotContain("رقم الموبايل", reply.Text);
        Assert.Equal([30_000L, 5_000L], PriceMentions.Extract(reply.Text));
    }

    [Fact]
    public void Order_without_governorate_asks_for_governorate_phone_and_address()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("دزلي ساعة اليد"));

        Assert.Contains("المحافظة", reply.Text);
        Assert.Contains("رقم الموبايل", reply.Text);
        Assert.Contains("العنوان", reply.Text);
        Assert.Equal([25_000L], PriceMentions.Extract(reply.Text));
    }

    [Fact]
    public void Delivery_question_uses_the_default_terms()
    {
        var baghdad = OfflineResponder.Respond(SampleCatalog.Ask("توصلون لبغداد؟"));
        var general = OfflineResponder.Respond(SampleCatalog.Ask("شوكت يوصل التوصيل؟"));

        Assert.Contains("5,000 دينار", baghdad.Text);
        Assert.Contains("1–2", baghdad.Text);
        Assert.False(baghdad.Handoff);
        Assert.Equal([5_000L, 8_000L], PriceMentions.Extract(general.Text));
    }

    [Fact]
    public void Delivery_fee_question_without_product_is_a_delivery_answer()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("شكد التوصيل للديوانية"));

        Assert.False(reply.Handoff);
        Assert.Equal([8_000L], PriceMentions.Extract(reply.Text));
        Assert.Contains("للقادسية", reply.Text); // "to" joined to the name: ل + القادسية
    }

    [Fact]
    public void Delivery_terms_come_from_the_merchant_options()
    {
        var options = new DeliveryOptions
        {
            Default = new DeliveryTerms(10_000, 3, 4),
            ByGovernorate = new Dictionary<string, DeliveryTerms> { ["Basra"] = new(6_000, 1, 1) },
        };
        var basra = OfflineResponder.Respond(SampleCatalog.Ask("تدزون للبصره؟", delivery: options));
        var mosul = OfflineResponder.Respond(SampleCatalog.Ask("تدزون للموصل؟", delivery: options));

        Assert.Equal([6_000L], PriceMentions.Extract(basra.Text));
        Assert.Equal([10_000L], PriceMentions.Extract(mosul.Text));
        Assert.Contains("3–4", mosul.Text);
    }

    [Fact]
    public void Variant_question_lists_sizes_and_colours()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("شنو القياسات والالوان المتوفرة للجاكيت؟"));

        Assert.Contains("S، M، L، XL", reply.Text);
        Assert.Contains("اسود، بني", reply.Text);
        Assert.Contains(LeadSignal.VariantAsked, reply.LeadSignals);
    }

    [Fact]
    public void Greeting_and_thanks_are_answered_in_kind()
    {
        var hello = OfflineResponder.Respond(SampleCatalog.Ask("هلووووو"));
        var thanks = OfflineResponder.Respond(SampleCatalog.Ask("مشكورين عاشت ايدكم"));

        Assert.Equal(CustomerIntent.Greeting, hello.Intent);
        Assert.False(hello.Handoff);
        Assert.Empty(hello.ProductIds);
        Assert.Equal(CustomerIntent.Thanks, thanks.Intent);
        Assert.NotEqual(hello.Text, thanks.Text);
    }

    [Fact]
    public void Plain_tone_has_no_emoji()
    {
        var reply = OfflineResponder.Respond(SampleCatalog.Ask("هلو", tone: ReplyTone.Plain));

        Assert.DoesNotContain(reply.Text, char.IsSurrogate);
    }

    [Theory]
    [MemberData(nameof(IntentDetectorTests.Messages), MemberType = typeof(IntentDetectorTests))]
    public void Every_number_in_every_reply_comes_from_the_catalog_or_delivery_options(
        string message, CustomerIntent primary, CustomerIntent? also, string? governorate)
    {
        _ = (primary, also, governorate);
        var allowed = SampleCatalog.All.Where(c => c.Active).Select(c => c.PriceIqd).Concat([5_000L, 8_000L]).ToHashSet();

        var reply = OfflineResponder.Respond(SampleCatalog.Ask(message));

        Assert.All(PriceMentions.Extract(reply.Text), amount => Assert.Contains(amount, allowed));
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
