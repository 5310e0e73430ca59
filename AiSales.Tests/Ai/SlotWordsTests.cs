using AiSales.Core.Replies.Offline;
using Xunit;

namespace AiSales.Tests.Ai;

/// <summary>Size and quantity words customers were seen using that the extractor did not know.</summary>
[Trait("Category", "Unit")]
public sealed class SlotWordsTests
{
    [Fact]
    public void Msa_medium_is_size_m_and_keeps_the_quantity_said_with_it()
    {
        var slots = SlotExtractor.Extract("أريد قطعتين مقاس متوسط");
        Assert.Equal(["M"], slots.Sizes);
        Assert.Equal(2, slots.Quantity);
    }

    [Theory]
    [InlineData("najaf 7ay al ameer qurb jami3 07809998877", "07809998877")]
    [InlineData("baghdad, qurb sa7a 0770 123 4567", "07701234567")]
    [InlineData("رقمي07801112233", "07801112233")]
    public void A_phone_after_an_arabizi_word_ending_in_a_digit_is_the_whole_number(string text, string phone) =>
        Assert.Equal(phone, SlotExtractor.Extract(text).Phone);

    [Fact]
    public void The_arabizi_digit_before_the_phone_stays_in_the_address() =>
        Assert.Equal("najaf 7ay al ameer qurb jami3", SlotExtractor.Extract("najaf 7ay al ameer qurb jami3 07809998877").Address);

    // Found playing the README's AppHost: the street number was read into the phone, which then was no mobile at all.
    [Theory]
    [InlineData("كربلاء حي الحسين شارع ٦٠ 07812223344", "07812223344", "كربلاء حي الحسين شارع 60")]
    [InlineData("بغداد شارع 52 0770 123 4567", "07701234567", "بغداد شارع 52")]
    [InlineData("البصرة العشار زقاق 7 +964 780 111 2233", "07801112233", "البصرة العشار زقاق 7")]
    public void A_number_written_next_to_the_phone_stays_in_the_address_and_the_phone_is_found(string text, string phone, string address)
    {
        var slots = SlotExtractor.Extract(text);
        Assert.Equal(phone, slots.Phone);
        Assert.Equal(address, slots.Address);
    }

    [Theory]
    [InlineData("اخذهم الثنين، الدشداشة XL بيضة والقميص L ازرق")] // both of what was named, one each
    [InlineData("يوصل يوم الاثنين؟")]                             // Monday
    public void A_count_word_with_the_article_is_no_count(string text) => Assert.Null(SlotExtractor.Extract(text).Quantity);

    [Theory]
    [InlineData("اريد ثنين", 2)]
    [InlineData("وثنين سود", 2)]
    public void A_count_word_without_the_article_is_the_count(string text, int quantity) => Assert.Equal(quantity, SlotExtractor.Extract(text).Quantity);

    [Fact]
    public void Arabizi_wa7id_is_one()
    {
        var slots = SlotExtractor.Extract("arid wa7id L");
        Assert.Equal(1, slots.Quantity);
        Assert.Equal(["L"], slots.Sizes);
    }

    [Theory]
    [InlineData("ابي عبايه مطرزه كحلي مقاس ال", "L")]
    [InlineData("قياس ام", "M")]
    [InlineData("مقاسي إس", "S")]
    [InlineData("اريد هودي قياس اكس ال اسود", "XL")]
    [InlineData("قياس اكس اكس ال", "XXL")]
    public void Latin_size_letters_spelled_in_arabic_after_a_size_word(string text, string size) =>
        Assert.Equal([size], SlotExtractor.Extract(text).Sizes);

    [Fact]
    public void Al_alone_is_the_article_not_a_size() =>
        Assert.Empty(SlotExtractor.Extract("اريد ال جاكيت").Sizes);

    [Theory]
    [InlineData("عفوا الرقم 07701234567 الكرادة قرب الجسر", "الكرادة قرب الجسر")]
    [InlineData("sorry, near the old mosque", "near the old mosque")]
    [InlineData("اوكي الديوانية حي العسكري 07701231231", "الديوانية حي العسكري")]
    [InlineData("تمام، حي الجامعة قرب الكلية", "حي الجامعة قرب الكلية")]
    public void An_apology_before_the_address_is_not_part_of_it(string text, string address) =>
        Assert.Equal(address, SlotExtractor.CleanAddress(text));
}

