using AiSales.Dashboard.Rendering;

namespace AiSales.Tests.Dashboard;

[Trait("Category", "Unit")]
public sealed class SafeUrlTests
{
    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData(" \tjavascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("java\nscript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("DATA:image/svg+xml,<svg onload=alert(1)>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("http://lookaside.fbsbx.com/a.jpg")]
    [InlineData("/inbox")]
    [InlineData("//evil.example/x")]
    [InlineData("evil.example/x")]
    [InlineData("https://user:pw@evil.example/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Anything_but_absolute_https_is_neither_link_nor_image(string? url)
    {
        Assert.Null(SafeUrl.ForLink(url));
        Assert.Null(SafeUrl.ForImage(url));
    }

    [Theory]
    [InlineData("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1")]
    [InlineData("https://scontent-ams4-1.xx.fbcdn.net/v/t39/a.jpg?oh=1")]
    [InlineData("https://scontent.cdninstagram.com/v/a.jpg")]
    [InlineData("HTTPS://LOOKASIDE.FBSBX.COM/a")]
    public void Https_on_metas_cdn_is_an_image_and_a_link(string url)
    {
        Assert.NotNull(SafeUrl.ForImage(url));
        Assert.Equal(SafeUrl.ForImage(url), SafeUrl.ForLink(url));
        Assert.StartsWith("https://", SafeUrl.ForImage(url));
    }

    [Theory]
    [InlineData("https://evil.example/pixel.gif")]
    [InlineData("https://fbcdn.net.evil.example/a.jpg")]
    [InlineData("https://evilfbcdn.net/a.jpg")]
    [InlineData("https://lookaside.fbsbx.com.evil.example/a.jpg")]
    public void Https_off_the_cdn_is_a_link_but_not_an_image(string url)
    {
        Assert.Null(SafeUrl.ForImage(url));
        Assert.Equal(new Uri(url).AbsoluteUri, SafeUrl.ForLink(url));
    }

    [Fact]
    public void The_link_is_the_parsed_url_so_markup_characters_cannot_break_out_of_the_attribute()
    {
        var link = SafeUrl.ForLink("https://shop.example/a b\"><script>");
        Assert.NotNull(link);
        Assert.DoesNotContain('"', link);
        Assert.DoesNotContain('<', link);
    }
}
