using AiSales.Dashboard.Rendering;

namespace AiSales.Tests.Dashboard;

[Trait("Category", "Unit")]
public sealed class BidiTextTests
{
    [Theory]
    [InlineData("\u202Eexe.txt", "exe.txt")]
    [InlineData("a\u202Ab\u202Bc\u202Cd\u202De", "abcde")]
    [InlineData("\u2066x\u2067y\u2068z\u2069", "xyz")]
    [InlineData("\u200Eأحمد\u200F", "أحمد")]
    public void Bidi_controls_are_dropped_from_names(string name, string shown) => Assert.Equal(shown, BidiText.Name(name));

    [Theory]
    [InlineData("أحمد علي")]
    [InlineData("Sara 🙂")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_names_are_unchanged(string? name) => Assert.Same(name, BidiText.Name(name));
}
