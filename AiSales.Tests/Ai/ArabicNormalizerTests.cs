using AiSales.Core.Text;


namespace AiSales.Tests.Ai;

[Trait("Category", "Unit")]
public class ArabicNormalizerTests
{
    [Theory]
    [InlineData("عباءة", "عبايه")]
    [InlineData("عباءات", "عبايات")]
    [InlineData("أريد", "اريد")]
    [InlineData("إسوارة", "اسواره")]
    [InlineData("آخر", "اخر")]
    [InlineData("ٱلسلام", "السلام")]
    [InlineData("مستشفى", "مستشفي")]
    [InlineData("سؤال", "سوال")]
    [InlineData("رئيسي", "رييسي")]
    [InlineData("شگد", "شكد")]
    [InlineData("احچي", "احكي")]
    [InlineData("ڤستان", "فستان")]
    [InlineData("پنطرون", "بنطرون")]
    [InlineData("مَرْحَبًا", "مرحبا")]
    [InlineData("شكـــــد", "شكد")]
    [InlineData("هلووووو", "هلو")]
    [InlineData("هههههه", "ه")]
    [InlineData("HELLO Price?", "hello price")]
    [InlineData("٢٥٠٠٠", "25000")]
    [InlineData("۲۵ الف", "25 الف")]
    [InlineData("1000", "1000")]
    [InlineData("شكد سعره؟؟ 😍😍", "شكد سعره")]
    [InlineData("  هلا ،  شلونك!!  ", "هلا شلونك")]
    public void Folds_spelling_variants_to_one_form(string input, string expected) =>
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));

    [Fact]
    public void Keeps_legitimate_double_letters() =>
        Assert.Equal("الله مدد", ArabicNormalizer.Normalize("اللّه مدد"));

    [Fact]
    public void Gaf_and_kaf_spellings_normalise_identically() =>
        Assert.Equal(ArabicNormalizer.Normalize("شكد سعرة"), ArabicNormalizer.Normalize("شگد سعره"));

    [Fact]
    public void Strips_attached_particles() =>
        Assert.Equal(["بالبصره", "البصره", "بصره"], ArabicNormalizer.WithoutPrefixes("بالبصره").ToArray());

    [Fact]
    public void Empty_and_null_are_empty() =>
        Assert.Equal(string.Empty, ArabicNormalizer.Normalize(null) + ArabicNormalizer.Normalize("؟!"));

    [Theory]
    [InlineData("jacket", "jakcet", 1)]
    [InlineData("جاكيت", "جاكيط", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("abc", "abc", 0)]
    public void Edit_distance_counts_typos_and_swaps(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Osa(a, b));
}
