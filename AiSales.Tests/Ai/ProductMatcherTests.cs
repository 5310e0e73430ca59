using AiSales.Core.Replies.Offline;


namespace AiSales.Tests.Ai;

[Trait("Category", "Unit")]
public class ProductMatcherTests
{
    [Theory]
    [InlineData("شگد سعر الجاكيت؟", "جاكيت جلد")]
    [InlineData("بالجاكيت الجلد", "جاكيت جلد")]
    [InlineData("جاكيط جلد", "جاكيت جلد")]
    [InlineData("how much is the leather jacket?", "جاكيت جلد")]
    [InlineData("bkam el jakcet", "جاكيت جلد")]
    [InlineData("بيش الحذاء الرياضي", "حذاء رياضي")]
    [InlineData("عدكم عطـــر عود؟", "عطر عود")]
    [InlineData("اريد فستان السهرة", "فستان سهرة")]
    [InlineData("the oud perfume", "عطر عود")]
    public void Finds_the_product_the_customer_means(string text, string expectedName)
    {
        var matches = ProductMatcher.Match(text, SampleCatalog.All);

        Assert.NotEmpty(matches);
        Assert.Equal(expectedName, matches[0].Item.NameAr);
        Assert.InRange(matches[0].Score, ProductMatcher.Threshold, 1);
    }

    [Theory]
    [InlineData("هلو")]
    [InlineData("هلووو شلونكم")]
    [InlineData("شكد سعره؟")]
    [InlineData("price?")]
    [InlineData("توصلون للبصرة")]
    [InlineData("شكرا عاشت ايدك")]
    public void Small_talk_and_bare_questions_match_nothing(string text) =>
        Assert.Empty(ProductMatcher.Match(text, SampleCatalog.All));

    [Fact]
    public void Inactive_products_are_never_matched() =>
        Assert.DoesNotContain(ProductMatcher.Match("بكم النظارة الشمسية sunglasses", SampleCatalog.All), m => m.Item.Id == SampleCatalog.Sunglasses.Id);

    [Fact]
    public void Full_name_outranks_partial_name()
    {
        CatalogItem leather = SampleCatalog.Jacket;
        var denim = leather with { Id = Guid.NewGuid(), NameAr = "جاكيت جينز", NameEn = "Denim jacket", Aliases = [] };
        var matches = ProductMatcher.Match("الجاكيت الجينز", [leather, denim]);

        Assert.Equal(2, matches.Count);
        Assert.Equal(denim.Id, matches[0].Item.Id);
        Assert.True(matches[0].Score > matches[1].Score);
    }
}
