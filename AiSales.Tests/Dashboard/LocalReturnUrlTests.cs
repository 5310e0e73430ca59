using AiSales.Dashboard.Account;

namespace AiSales.Tests.Dashboard;

[Trait("Category", "Unit")]
public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/inbox")]
    [InlineData("/inbox/5?unread=1&channel=instagram")]
    public void Local_paths_are_kept(string url) => Assert.Equal(url, LocalReturnUrl.OrFallback(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\n/evil.example/")]
    [InlineData("/ /evil.example/")]
    [InlineData("/inbox\\..\\evil")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("/\0")]
    public void Anything_else_falls_back_to_the_root(string? url) => Assert.Equal("/", LocalReturnUrl.OrFallback(url));
}
