using AiSales.Core.Replies.Offline;


namespace AiSales.Tests.Ai;

[Trait("Category", "Unit")]
public class IntentDetectorTests
{
    // Realistic customer messages: Iraqi dialect (چ گ), spelling variants, diacritics, tatweel, stretched
    // letters, Arabic-Indic/Persian digits, Arabizi and English. Columns: message, primary, also-expected, governorate.
    public static TheoryData<string, CustomerIntent, CustomerIntent?, string?> Messages => new()
    {
        { "هلووووو", CustomerIntent.Greeting, null, null },
        { "السَّلامُ عَلَيكُم", CustomerIntent.Greeting, null, null },
        { "شلونكم شخباركم", CustomerIntent.Greeting, null, null },
        { "مرحباً بكم", CustomerIntent.Greeting, null, null },
        { "shlonak habibi", CustomerIntent.Greeting, null, null },
        { "شگد سعر الجاكيت؟", CustomerIntent.Price, null, null },
        { "شكـــد سعرة الجاكيت", CustomerIntent.Price, null, null },
        { "بيش الحذاء الرياضي", CustomerIntent.Price, null, null },
        { "بكم الفستان", CustomerIntent.Price, null, null },
        { "ابيش العطر", CustomerIntent.Price, null, null },
        { "how much is the leather jacket?", CustomerIntent.Price, null, null },
        { "price?", CustomerIntent.Price, null, null },
        { "shgad si3ra", CustomerIntent.Price, null, null },
        { "bkam el jacket", CustomerIntent.Price, null, null },
        { "هلا، شگد سعر العطر؟", CustomerIntent.Price, CustomerIntent.Greeting, null },
        { "اكو جاكيتات؟", CustomerIntent.Availability, null, null },
        { "ماكو فستان سهرة؟", CustomerIntent.Availability, null, null },
        { "عدكم عطر؟", CustomerIntent.Availability, null, null },
        { "موجود الحذاء؟", CustomerIntent.Availability, null, null },
        { "aku jacket?", CustomerIntent.Availability, null, null },
        { "do you have the dress in stock", CustomerIntent.Availability, null, null },
        { "شنو القياسات المتوفرة", CustomerIntent.Variant, CustomerIntent.Availability, null }, // sizes asked: a variant question (was Availability)
        { "اريد قياس XL", CustomerIntent.Variant, CustomerIntent.Order, null },
        { "بيا لون؟ الأسود لو البني", CustomerIntent.Variant, null, null },
        { "توصلون للبصرة؟", CustomerIntent.Delivery, null, "Basra" },
        { "شوكت يوصل للموصل", CustomerIntent.Delivery, null, "Nineveh" },
        { "تدزون لأربيل", CustomerIntent.Delivery, null, "Erbil" },
        { "اني من الحلة", CustomerIntent.Delivery, null, "Babil" },
        { "delivery to Najaf?", CustomerIntent.Delivery, null, "Najaf" },
        { "يمته يوصل الطلب للناصرية", CustomerIntent.Delivery, null, "DhiQar" },
        { "wen tawseel basra", CustomerIntent.Delivery, null, "Basra" },
        { "شكد التوصيل للديوانية", CustomerIntent.Delivery, CustomerIntent.Price, "Qadisiyyah" }, // the delivery fee (was Price)
        { "سلام، عدكم توصيل لكربلاء؟", CustomerIntent.Delivery, CustomerIntent.Availability, "Karbala" }, // "do you deliver" (was Availability)
        { "اكو توصيل للسليمانية؟", CustomerIntent.Delivery, CustomerIntent.Availability, "Sulaymaniyah" },
        { "انطيني واحد جاكيت", CustomerIntent.Order, null, null },
        { "دزلي الحذاء للكوت", CustomerIntent.Order, CustomerIntent.Delivery, "Wasit" },
        { "احجزلي الفستان", CustomerIntent.Order, null, null },
        { "أريد أطلب، الدفع عند الاستلام؟", CustomerIntent.Order, CustomerIntent.Payment, null },
        { "i want to order the perfume", CustomerIntent.Order, null, null },
        { "dizli wa7id", CustomerIntent.Order, null, null },
        { "ابي ساعة", CustomerIntent.Order, null, null },
        { "الطلب ما وصل لحد هسه", CustomerIntent.Complaint, null, null },
        { "تأخر الطلب كلش", CustomerIntent.Complaint, null, null },
        { "الساعة طلعت خربانة", CustomerIntent.Complaint, null, null },
        { "البضاعة مو زينة", CustomerIntent.Complaint, null, null },
        { "my order never arrived", CustomerIntent.Complaint, null, null },
        { "اريد احچي ويه موظف", CustomerIntent.WantsHuman, null, null },
        { "ممكن اكلم صاحب المحل", CustomerIntent.WantsHuman, null, null },
        { "I want to talk to a human", CustomerIntent.WantsHuman, null, null },
        { "شكراً عاشت ايدك", CustomerIntent.Thanks, null, null },
        { "mashkoor", CustomerIntent.Thanks, null, null },
        { "thank you!", CustomerIntent.Thanks, null, null },
        { "تسلمين", CustomerIntent.Thanks, null, null },
        { "ممنونننن", CustomerIntent.Thanks, null, null },
        { "ماكو مشكلة حبيبي", CustomerIntent.Other, null, null },
        { "هاي شنو؟", CustomerIntent.Other, null, null },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Detects_intents_and_governorate(string message, CustomerIntent primary, CustomerIntent? also, string? governorate)
    {
        var result = IntentDetector.Detect(message);

        Assert.Equal(primary, result.Primary);
        Assert.Contains(primary, primary == CustomerIntent.Other ? [CustomerIntent.Other] : result.All);
        if (also is { } other)
        {
            Assert.Contains(other, result.All);
        }

        Assert.Equal(governorate, result.Governorate?.Key);
        Assert.InRange(result.Confidence, 0, 1);
        if (primary != CustomerIntent.Other)
        {
            Assert.Contains(result.Cues, c => c.Intent == primary);
        }
    }

    // The intents added for closing a sale, each with why the case matters. Columns: message, primary, reason.
    public static TheoryData<string, CustomerIntent, string> ClosingIntents => new()
    {
        { "ما جاي قياسي اريد ابدله", CustomerIntent.ReturnOrExchange, "an exchange for a size that did not fit is not a plain complaint" },
        { "وصلني خربان اريد ارجعه", CustomerIntent.ReturnOrExchange, "damaged + return: the return is what to arrange (ranks above Complaint)" },
        { "I want a refund", CustomerIntent.ReturnOrExchange, "refund used to be a Complaint cue" },
        { "اكو خصم؟", CustomerIntent.Haggle, "اكو must not make a discount question an availability one" },
        { "اخر سعر شكد؟", CustomerIntent.Haggle, "last price outranks the plain price question" },
        { "بـ ٢٠ ألف اخذه", CustomerIntent.Haggle, "a named amount with an order verb is an offer" },
        { "والله غالية كلش", CustomerIntent.Haggle, "too expensive" },
        { "الدفع عند الاستلام؟", CustomerIntent.Payment, "cash on delivery is a payment question, no longer an order cue" },
        { "اكو دفع بالكارد؟", CustomerIntent.Payment, "card payment, not availability" },
        { "مع السلامة", CustomerIntent.Farewell, "closing" },
        { "الله وياك حبيبي", CustomerIntent.Farewell, "closing blessing" },
        { "شكرا، مع السلامة", CustomerIntent.Farewell, "a goodbye after thanks closes the chat" },
        { "شكرا جزيلا الله يحفظك", CustomerIntent.Thanks, "a blessing is a weak farewell: next to thanks it is part of the thanks" },
        { "اي", CustomerIntent.Confirm, "a bare yes" },
        { "تمام ثبته", CustomerIntent.Confirm, "go ahead" },
        { "اي اريده", CustomerIntent.Order, "yes + I want it: the order (weak Order ranks above Confirm)" },
        { "اي لون عدكم؟", CustomerIntent.Variant, "أي = which; a bare اي yields to the question" },
        { "ok thanks", CustomerIntent.Thanks, "a weak ok yields to thanks" },
        { "لا ما اريده", CustomerIntent.Cancel, "ما اريد is a strong Cancel and outranks the Order cue inside it" },
        { "الغي الطلب", CustomerIntent.Cancel, "cancel, not an order (الطلب is no order cue)" },
        { "لا شكرا", CustomerIntent.Cancel, "no thanks declines" },
        { "مو هسه", CustomerIntent.Cancel, "not now" },
        { "يوصل باجر اذا اطلب هسه؟", CustomerIntent.Delivery, "an order verb after اذا is hypothetical" },
        { "اكو منه اسود؟", CustomerIntent.Variant, "a colour with no product noun asks for the variant" },
        { "اكو عبايات سود؟", CustomerIntent.Availability, "a product noun with a colour stays an availability question" },
        { "الطول شكد؟", CustomerIntent.Variant, "شكد with a size word measures, it does not price" },
        { "is it cotton?", CustomerIntent.Variant, "a material question" },
        { "اريد البيجامة الزرقة قياس ميديم", CustomerIntent.Order, "a bare want naming the product and size orders it" },
        { "شكو ماكو", CustomerIntent.Greeting, "the Iraqi 'what's up' is no availability question" },
        { "القماش خفيف ومو زين", CustomerIntent.Complaint, "a phrase cue behind و (ومو زين)" },
    };

    [Theory]
    [MemberData(nameof(ClosingIntents))]
    public void Detects_the_closing_intents(string message, CustomerIntent primary, string reason) =>
        Assert.True(IntentDetector.Detect(message).Primary == primary, $"{message}: expected {primary} because {reason}; got {IntentDetector.Detect(message).Primary}");

    // "can i get …" is how English orders are said; a discount asked that way stays haggling, a price asked that way a price.
    [Theory]
    [InlineData("hey can i get the hoodie in grey L and also a black tshirt M", CustomerIntent.Order)]
    [InlineData("could i get the jacket in brown M please", CustomerIntent.Order)]
    [InlineData("can i have a discount on the jacket?", CustomerIntent.Haggle)]
    [InlineData("can i get the price of the hoodie?", CustomerIntent.Price)]
    public void A_polite_request_is_an_order_unless_it_asks_for_something_else(string message, CustomerIntent primary)
    {
        var result = IntentDetector.Detect(message);
        Assert.Equal(primary, result.Primary);
        if (primary == CustomerIntent.Haggle) Assert.DoesNotContain(CustomerIntent.Order, result.All);
    }

    [Fact]
    public void Asking_for_a_person_is_not_an_order() =>
        Assert.DoesNotContain(CustomerIntent.Order, IntentDetector.Detect("اريد احچي ويه موظف").All);

    [Theory]
    [InlineData("لا ما اريده")]
    [InlineData("no لا تدزه")]
    [InlineData("اريد ابدله بقياس اكبر")]
    public void A_refused_order_or_an_exchange_is_not_an_order(string message) =>
        Assert.DoesNotContain(CustomerIntent.Order, IntentDetector.Detect(message).All);

    [Fact]
    public void No_problem_is_not_a_complaint() =>
        Assert.DoesNotContain(CustomerIntent.Complaint, IntentDetector.Detect("ماكو مشكلة، شكد سعره").All);

    [Theory]
    [InlineData("شگد سعره", CustomerScript.Arabic)]
    [InlineData("شكد the price", CustomerScript.Arabic)]
    [InlineData("shgad si3ra", CustomerScript.Arabizi)]
    [InlineData("aku jacket?", CustomerScript.Arabizi)]
    [InlineData("how much is it? 25k?", CustomerScript.English)]
    [InlineData("Do you deliver to Basra?", CustomerScript.English)]
    public void Detects_script(string message, CustomerScript expected) =>
        Assert.Equal(expected, IntentDetector.Detect(message).Script);

    [Fact]
    public void More_cues_raise_confidence()
    {
        var weak = IntentDetector.Detect("سعره");
        var strong = IntentDetector.Detect("شكد سعره بيش");
        Assert.True(strong.Confidence > weak.Confidence);
        Assert.Equal(0.2, IntentDetector.Detect("هاي شنو").Confidence);
    }
}
