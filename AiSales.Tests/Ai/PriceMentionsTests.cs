using AiSales.Core.Text;


namespace AiSales.Tests.Ai;

[Trait("Category", "Unit")]
public class PriceMentionsTests
{
    [Theory]
    [InlineData("25 الف")]
    [InlineData("٢٥ ألف")]
    [InlineData("۲۵ الف")]
    [InlineData("25k")]
    [InlineData("25K")]
    [InlineData("25,000 دينار")]
    [InlineData("٢٥٬٠٠٠ دينار")]
    [InlineData("٢٥٠٠٠")]
    [InlineData("IQD 25,000")]
    [InlineData("25 الف دينار")]
    [InlineData("بـ25 الف")]
    [InlineData("25 thousand")]
    [InlineData("25000 iqd")]
    public void Reads_twenty_five_thousand_dinars_in_every_spelling(string text) =>
        Assert.Equal([25_000L], PriceMentions.Extract("السعر " + text + " صح؟"));

    [Fact]
    public void Reads_decimal_thousands_and_millions() =>
        Assert.Equal([2_500L, 1_250_000L, 1_500_000L], PriceMentions.Extract("2.5 الف و 1,250,000 و 1.5 مليون"));

    [Fact]
    public void Finds_several_amounts_in_order() =>
        Assert.Equal([30_000L, 5_000L], PriceMentions.Extract("القطعة ٣٠ الف والتوصيل 5,000 دينار"));

    [Theory]
    [InlineData("باقي بس 2")]
    [InlineData("يوصل خلال 1–2 يوم")]
    [InlineData("رقمي 07701234567")]
    [InlineData("رقمي ٠٧٧٠ ١٢٣ ٤٥٦٧")]
    [InlineData("+964 770 123 4567")]
    [InlineData("shgad si3ra")]
    [InlineData("قياس 42")]
    [InlineData("رقم طلبك #1004.")]
    [InlineData("Your order number is #1004.")]
    [InlineData("")]
    public void Ignores_counts_days_phones_arabizi_and_order_numbers(string text) =>
        Assert.Empty(PriceMentions.Extract(text));
}
