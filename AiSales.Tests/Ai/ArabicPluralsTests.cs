using AiSales.Core.Text;

namespace AiSales.Tests.Ai;

/// <summary>
/// Broken plurals customers write for the singular a catalog lists, in Arabic script and in Arabizi, and the short
/// Arabizi words that only look like a product word.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ArabicPluralsTests
{
    [Theory]
    [InlineData("احذية", "حذاء")]   // أفعلة of a word ending in hamza
    [InlineData("اطعمة", "طعام")]   // أفعلة
    [InlineData("قمصان", "قميص")]   // فعلان
    [InlineData("حقائب", "حقيبة")]  // فعائل
    [InlineData("حقايب", "حقيبة")]
    [InlineData("بناطيل", "بنطلون")] // فعاليل of a loanword ending in -ون
    [InlineData("فساتين", "فستان")]
    [InlineData("قنادر", "قندرة")]
    [InlineData("عطور", "عطر")]
    [InlineData("شنط", "شنطة")]
    public void A_broken_plural_is_a_plural_of_its_singular(string plural, string singular) =>
        Assert.True(ArabicPlurals.IsPluralOf(ArabicNormalizer.Normalize(plural), ArabicNormalizer.Normalize(singular)));

    [Theory]
    [InlineData("شيل", "شيلة")] // "remove", not shawls
    [InlineData("حذاء", "حقيبة")]
    [InlineData("فستان", "فستان")]
    public void Other_words_are_not(string plural, string singular) =>
        Assert.False(ArabicPlurals.IsPluralOf(ArabicNormalizer.Normalize(plural), ArabicNormalizer.Normalize(singular)));

    [Theory]
    [InlineData("a7thiya", "حذاء")]
    [InlineData("a7thia", "حذاء")]
    [InlineData("7itha", "حذاء")]
    [InlineData("riyadiya", "رياضي")]
    [InlineData("riyadi", "رياضي")]
    [InlineData("qumsan", "قميص")]
    [InlineData("banateel", "بنطلون")]
    [InlineData("7aqa2ib", "حقيبة")]
    [InlineData("3bayat", "عباية")]
    [InlineData("seifi", "صيفي")]
    [InlineData("fasatin", "فستان")]
    public void An_arabizi_word_spells_the_arabic_singular_or_its_plural(string latin, string arabic) =>
        Assert.True(ConsonantSkeleton.SameWordAcrossScripts(latin, ArabicNormalizer.Normalize(arabic)));

    [Theory]
    [InlineData("hatha", "حذاء")]  // هذا, "this"
    [InlineData("hatha", "احذية")]
    [InlineData("wa7ad", "هودي")]  // واحد, "one"
    public void A_short_arabizi_word_with_other_letters_or_vowels_is_another_word(string latin, string arabic) =>
        Assert.False(ConsonantSkeleton.SameWordAcrossScripts(latin, ArabicNormalizer.Normalize(arabic)));
}
