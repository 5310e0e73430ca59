using AiSales.Core.Text;


namespace AiSales.Tests.Ai;

[Trait("Category", "Unit")]
public sealed class TextSanitizerTests
{
    [Theory]
    [InlineData("a\0b", "ab")]
    [InlineData("\0", "")]
    [InlineData("x\u0001\u001F\u007F\u0085y", "xy")]
    [InlineData("non\uFFFEchar\uFFFF", "nonchar")]
    public void Removes_what_cannot_be_stored(string input, string expected) => Assert.Equal(expected, TextSanitizer.Clean(input));

    [Theory]
    [InlineData("مرحبا 👋 hello")]
    [InlineData("tab\tline\nreturn\r")]
    [InlineData("\u202Eexe.txt")] // bidi controls are kept: isolating them is the display's job
    [InlineData("")]
    public void Keeps_valid_text_as_the_same_instance(string input)
    {
        Assert.Same(input, TextSanitizer.Clean(input));
        Assert.False(TextSanitizer.NeedsCleaning(input));
    }

    // Built from chars: a lone surrogate in an attribute argument does not survive compilation (it becomes U+FFFD).
    [Fact]
    public void Removes_unpaired_surrogates_and_keeps_pairs()
    {
        Assert.Equal("lone  high", TextSanitizer.Clean("lone " + (char)0xD800 + " high"));
        Assert.Equal("lone  low", TextSanitizer.Clean("lone " + (char)0xDC00 + " low"));
        Assert.Equal("end ", TextSanitizer.Clean("end " + (char)0xD83D));
        Assert.Equal("x", TextSanitizer.Clean("" + (char)0xDE00 + (char)0xD83D + "x"));
        Assert.Equal("😀", TextSanitizer.Clean("\0" + (char)0xD83D + (char)0xDE00));
    }

    [Fact]
    public void Null_stays_null() => Assert.Null(TextSanitizer.Clean(null));
}
