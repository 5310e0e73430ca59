using System.Text;
using AiSales.Core.Inbound.Signatures;

namespace AiSales.Tests.Conversations;

/// <summary>The dialogue runner's own checkers: amounts, signature, product and language reading, the turn checks.</summary>
[Trait("Category", "Unit")]
public sealed class DialogueCheckerTests
{
    [Theory]
    [InlineData("سعرها 65,000 دينار", 65_000)]
    [InlineData("سعرها ٦٥,٠٠٠ دينار", 65_000)]
    [InlineData("سعرها ٦٥٬٠٠٠", 65_000)]
    [InlineData("سعرها ۶۵٬۰۰۰ دينار", 65_000)]
    [InlineData("بـ 65 الف", 65_000)]
    [InlineData("بـ ٦٥ ألف دينار", 65_000)]
    [InlineData("only 65k", 65_000)]
    [InlineData("price: 65K IQD", 65_000)]
    [InlineData("IQD 65,000", 65_000)]
    [InlineData("السعر 65000", 65_000)]
    [InlineData("65.000 دينار", 65_000)]
    public void Reads_an_amount_in_every_way_it_is_written(string text, long amount) =>
        Assert.Equal([amount], ReplyAmounts.Extract(text));

    [Theory]
    [InlineData("اكو قياس 42 و 44، باقي 2 بس")]
    [InlineData("يوصلك خلال 1-2 يوم")]
    [InlineData("العطر 100ml او 50ml")]
    [InlineData("رقمك 07701234567 صح؟")]
    [InlineData("رقمك ٠٧٧٠ ١٢٣ ٤٥٦٧ صح؟")]
    [InlineData("your number +964 770 123 4567")]
    [InlineData("shgad si3ra, 7abibi? 3baya")]
    [InlineData("ملابس اطفال قياس 4-5")]
    [InlineData("هلا بيك، الفستان حلو")]
    [InlineData("رقم طلبك #1004.")]
    public void Sizes_quantities_days_phones_and_arabizi_are_not_money(string text) =>
        Assert.Empty(ReplyAmounts.Extract(text));

    [Fact]
    public void A_summary_gives_every_amount_in_order()
    {
        Assert.Equal([130_000, 5_000, 135_000], ReplyAmounts.Extract("عباية مطرزة ×2 = 130,000 دينار، التوصيل 5,000، المجموع ١٣٥٬٠٠٠ دينار"));
        Assert.Empty(ReplyAmounts.Extract("قياس 65 الفستان")); // the thousand word must stand alone: "الفستان" is a dress
    }

    [Fact]
    public void The_signature_is_metas_hmac_sha256_of_the_raw_bytes()
    {
        // RFC 4231-style check against a value computed independently: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
            WebhookSigner.Sign("key", Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog")));
        var body = Encoding.UTF8.GetBytes("""{"object":"instagram","entry":[{"id":"1","messaging":[{"message":{"text":"شگد سعرها؟"}}]}]}""");
        Assert.Equal(MetaSignature.Compute("app-secret", body), WebhookSigner.Sign("app-secret", body));
    }

    [Fact]
    public void Allowed_amounts_are_prices_fees_quantities_and_totals_of_the_dialogues_products()
    {
        var allowed = DemoCatalogForChecks.Catalog.AllowedAmounts(["BSF-002", "BSF-009"]);
        Assert.Contains(65_000, allowed);       // price
        Assert.Contains(22_000, allowed);       // any catalog price, even out of stock
        Assert.Contains(5_000, allowed);        // Baghdad delivery
        Assert.Contains(130_000, allowed);      // 2 × 65,000
        Assert.Contains(138_000, allowed);      // 130,000 + 8,000
        Assert.Contains(81_000, allowed);       // 65,000 + 2 × 8,000 (two hijabs)
        Assert.Contains(86_000, allowed);       // 65,000 + 16,000 + 5,000
        Assert.DoesNotContain(67_000, allowed);
        Assert.DoesNotContain(58_500, allowed); // a 10 % discount nobody set
        Assert.DoesNotContain(99_000, allowed);
    }

    [Theory]
    [InlineData("العباية المطرزة سعرها 65,000", "BSF-002", true)]
    [InlineData("عبايه مطرزه حلوة", "BSF-002", true)]
    [InlineData("The embroidered abaya is 65,000 IQD", "BSF-002", true)]
    [InlineData("القميص الرجالي القطن متوفر", "BSF-004", true)]
    [InlineData("العباية السوداء الكلاسيك", "BSF-002", false)]
    public void Names_a_product_by_its_catalog_name_whatever_the_spelling(string reply, string sku, bool names) =>
        Assert.Equal(names, ReplyReading.NamesProduct(reply, DemoCatalogForChecks.Catalog[sku]));

    [Theory]
    [InlineData("هلووووو عيني", "هلو عيني")]
    [InlineData("شگد سعرهــا؟", "شكد سعرها")]
    [InlineData("أريد عباءة", "اريد عباءه")]
    public void Normalizes_iraqi_spelling(string text, string normalized) =>
        Assert.Equal(ReplyReading.Normalize(normalized), ReplyReading.Normalize(text));

    [Theory]
    [InlineData("العباية المطرزة سعرها 65,000 دينار 😍", ReplyReading.Script.Arabic)]
    [InlineData("The embroidered abaya is 65,000 IQD, sizes S M L XL", ReplyReading.Script.Latin)]
    [InlineData("متوفر قياس L و XL", ReplyReading.Script.Arabic)]
    public void Tells_the_reply_script(string reply, ReplyReading.Script script) =>
        Assert.Equal(script, ReplyReading.DominantScript(reply));

    [Theory]
    [InlineData("النظارة الشمسية خلصت حالياً، بس عدنا ساعة يد رجالية", true)]
    [InlineData("Sorry, the sunglasses are out of stock", true)]
    [InlineData("ما نبيع موبايلات، عدنا ملابس واحذية", true)]
    [InlineData("متوفرة بكل القياسات", false)]
    public void Hears_not_available(string reply, bool unavailable) =>
        Assert.Equal(unavailable, ReplyReading.SaysUnavailable(reply));

    [Theory]
    [InlineData("شنو قياسك؟", "size", true)]
    [InlineData("دزلي رقم موبايلك واقرب نقطة دالة", "phone", true)]
    [InlineData("دزلي رقم موبايلك واقرب نقطة دالة", "address", true)]
    [InlineData("Which governorate should we deliver to?", "governorate", true)]
    [InlineData("تمام حبيبي", "colour", false)]
    public void Hears_what_a_reply_asks_for(string reply, string slot, bool asks) =>
        Assert.Equal(asks, ReplyReading.Asks(reply, slot));

    [Theory]
    [InlineData("07701234567", "07701234567")]
    [InlineData("٠٧٧٠ ١٢٣ ٤٥٦٧", "07701234567")]
    [InlineData("+964 770-123-4567", "07701234567")]
    [InlineData("009647701234567", "07701234567")]
    public void Reads_an_iraqi_mobile_in_any_form(string phone, string national) =>
        Assert.Equal(national, DialogueRunner.PhoneDigits(phone));

    private static readonly Dialogue Sample = new()
    {
        Id = "sample", Style = "iraqi", Turns = [new() { Say = ["x"] }, new() { Say = ["y"] }, new() { Say = ["z"] }],
        ExpectOrder = new() { Items = [new() { Sku = "BSF-002", Quantity = 2, Size = "L", Colour = "أسود" }], Governorate = "Basra", Phone = "07801234567" },
    };

    private static TurnResult Check(DialogueTurn turn, bool handedOff, params string[] replies)
    {
        var result = new TurnResult { Number = 1, Customer = turn.Text };
        result.Replies.AddRange(replies);
        TurnChecker.Check(Sample, turn, result, DemoCatalogForChecks.Catalog, handedOff, DemoCatalogForChecks.Catalog.AllowedAmounts(Sample.Skus()));
        return result;
    }

    [Fact]
    public void A_right_reply_passes_every_check()
    {
        var r = Check(new() { Say = ["شكد سعر العباية المطرزة"], ExpectProduct = "BSF-002" }, false, "العباية المطرزة سعرها 65,000 دينار، اكو اسود وكحلي");
        Assert.Empty(r.Failures);
        Assert.True(r.ProductRight);
        Assert.True(r.PriceRight);
        Assert.True(r.AmountsExplained);
    }

    [Fact]
    public void A_follow_up_that_quotes_only_the_price_is_about_the_product()
    {
        var r = Check(new() { Say = ["شكد سعره؟"], ExpectProduct = "BSF-002" }, false, "سعرها ٦٥ ألف دينار 🌹");
        Assert.Empty(r.Failures);
    }

    [Fact]
    public void Wrong_product_invented_amount_english_reply_and_silent_or_missing_handoff_all_fail()
    {
        var wrong = Check(new() { Say = ["شكد سعره؟"], ExpectProduct = "BSF-002" }, false, "The classic black abaya is 45,000 IQD, now 40,500 for you");
        Assert.Equal(false, wrong.ProductRight);
        Assert.Equal(false, wrong.PriceRight);
        Assert.Equal(false, wrong.AmountsExplained);
        Assert.Contains(wrong.Failures, f => f.Contains("40,500"));
        Assert.Contains(wrong.Failures, f => f.Contains("language"));

        var silent = Check(new() { Say = ["اريد احچي ويه موظف"], ExpectHandoff = true }, true);
        Assert.Equal(false, silent.HandoffAnnounced);
        Assert.NotEmpty(silent.Failures);

        var notHanded = Check(new() { Say = ["اريد احچي ويه موظف"], ExpectHandoff = true }, false, "هسه يتواصل وياك موظف");
        Assert.Equal(false, notHanded.HandoffAnnounced);

        var unexpected = Check(new() { Say = ["شكد سعر الجاكيت"] }, true, "هسه يتواصل وياك موظف");
        Assert.Contains(unexpected.Failures, f => f.Contains("unexpected hand-off"));

        var two = Check(new() { Say = ["هلو"] }, false, "هلا بيك", "هلا بيك مرة ثانية");
        Assert.Contains(two.Failures, f => f.Contains("exactly one reply"));
    }

    [Fact]
    public void A_summary_needs_items_total_fee_and_grand_total()
    {
        var ok = Check(new() { Say = ["تمام"], ExpectSummary = true, ExpectAsks = ["confirm"] }, false,
            "الطلب: عباية مطرزة L اسود ×2 = 130,000، التوصيل للبصرة 8,000، المجموع 138,000 دينار. اثبتلك الطلب؟");
        Assert.Empty(ok.Failures);
        var missing = Check(new() { Say = ["تمام"], ExpectSummary = true }, false, "الطلب: عباية مطرزة ×2 = 130,000");
        Assert.Equal(2, missing.Failures.Count);
    }
}
