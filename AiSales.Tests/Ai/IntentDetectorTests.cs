using AiSales.Core.Ai.Offline;

namespace AiSales.Tests.Ai;

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
        { "شنو القياسات المتوفرة", CustomerIntent.Availability, CustomerIntent.Variant, null },
        { "اريد قياس XL", CustomerIntent.Variant, CustomerIntent.Order, null },
        { "بيا لون؟ الأسود لو البني", CustomerIntent.Variant, null, null },
        { "توصلون للبصرة؟", CustomerIntent.Delivery, null, "Basra" },
        { "شوكت يوصل للموصل", CustomerIntent.Delivery, null, "Nineveh" },
        { "تدزون لأربيل", CustomerIntent.Delivery, null, "Erbil" },
        { "اني من الحلة", CustomerIntent.Delivery, null, "Babil" },
        { "delivery to Najaf?", CustomerIntent.Delivery, null, "Najaf" },
        { "يمته يوصل الطلب للناصرية", CustomerIntent.Delivery, null, "DhiQar" },
        { "wen tawseel basra", CustomerIntent.Delivery, null, "Basra" },
        { "شكد التوصيل للديوانية", CustomerIntent.Price, CustomerIntent.Delivery, "Qadisiyyah" },
        { "سلام، عدكم توصيل لكربلاء؟", CustomerIntent.Availability, CustomerIntent.Delivery, "Karbala" },
        { "اكو توصيل للسليمانية؟", CustomerIntent.Availability, CustomerIntent.Delivery, "Sulaymaniyah" },
        { "انطيني واحد جاكيت", CustomerIntent.Order, null, null },
        { "دزلي الحذاء للكوت", CustomerIntent.Order, CustomerIntent.Delivery, "Wasit" },
        { "احجزلي الفستان", CustomerIntent.Order, null, null },
        { "أريد أطلب، الدفع عند الاستلام؟", CustomerIntent.Order, null, null },
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

    [Fact]
    public void Asking_for_a_person_is_not_an_order() =>
        Assert.DoesNotContain(CustomerIntent.Order, IntentDetector.Detect("اريد احچي ويه موظف").All);

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
