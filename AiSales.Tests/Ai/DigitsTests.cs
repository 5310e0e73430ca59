using AiSales.Core.Text;

namespace AiSales.Tests.Ai;

/// <summary>The one digit conversion: what customers and merchants type to ASCII, and ASCII to Arabic-Indic for display.</summary>
[Trait("Category", "Unit")]
public sealed class DigitsTests
{
    [Theory]
    [InlineData("٠١٢٣٤٥٦٧٨٩", "0123456789")]
    [InlineData("۰۱۲۳۴۵۶۷۸۹", "0123456789")]
    [InlineData("رقمي ۰۷۸۰ ١٢٣ 4567", "رقمي 0780 123 4567")]
    [InlineData("٢٥٬٠٠٠ دينار", "25,000 دينار")]
    [InlineData("٢٫٥ كيلو", "2.5 كيلو")]
    [InlineData("شكد سعره؟ 25,000", "شكد سعره؟ 25,000")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Fold_turns_arabic_and_persian_digits_and_separators_into_ascii(string? text, string expected) =>
        Assert.Equal(expected, Digits.Fold(text));

    [Fact]
    public void Fold_without_separators_keeps_the_arabic_comma_and_decimal_sign() =>
        Assert.Equal("123٬456 7٫8", Digits.Fold("١٢٣٬٤٥٦ ۷٫۸", separators: false));

    [Theory]
    [InlineData('٧', true, '7')]
    [InlineData('۹', true, '9')]
    [InlineData('٬', true, ',')]
    [InlineData('٫', true, '.')]
    [InlineData('٬', false, '٬')]
    [InlineData('٫', false, '٫')]
    [InlineData('،', true, '،')] // the Arabic comma between words is not a number separator
    [InlineData('a', true, 'a')]
    public void Fold_one_character(char c, bool separators, char expected) =>
        Assert.Equal(expected, Digits.Fold(c, separators));

    [Theory]
    [InlineData("1,250,000", "١٬٢٥٠٬٠٠٠")]
    [InlineData("12:30", "١٢:٣٠")]
    [InlineData("2.50×", "٢.٥٠×")]
    [InlineData("IQD", "IQD")]
    public void To_arabic_indic_for_display(string text, string expected) =>
        Assert.Equal(expected, Digits.ToArabicIndic(text));

    [Fact]
    public void Folding_what_display_shows_gives_back_the_ascii() =>
        Assert.Equal("1,250,000", Digits.Fold(Digits.ToArabicIndic("1,250,000")));
}
