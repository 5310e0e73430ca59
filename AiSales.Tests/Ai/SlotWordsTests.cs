using AiSales.Core.Ai.Offline;
using Xunit;

namespace AiSales.Tests.Ai;

/// <summary>Size and quantity words customers were seen using that the extractor did not know.</summary>
public sealed class SlotWordsTests
{
    [Fact]
    public void Msa_medium_is_size_m_and_keeps_the_quantity_said_with_it()
    {
        var slots = SlotExtractor.Extract("أريد قطعتين مقاس متوسط");
        Assert.Equal(["M"], slots.Sizes);
        Assert.Equal(2, slots.Quantity);
    }

    [Fact]
    public void Arabizi_wa7id_is_one()
    {
        var slots = SlotExtractor.Extract("arid wa7id L");
        Assert.Equal(1, slots.Quantity);
        Assert.Equal(["L"], slots.Sizes);
    }
}
