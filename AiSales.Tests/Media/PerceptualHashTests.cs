using AiSales.Core.Media;

namespace AiSales.Tests.Media;

/// <summary>The photo hash that matches a customer's photo or screenshot to a product photo offline.</summary>
[Trait("Category", "Unit")]
public sealed class PerceptualHashTests
{
    private static readonly byte[][] Products = [.. Enumerable.Range(1, 8).Select(seed => TestImages.ProductPhoto(seed))];
    private static readonly StoredPhotoHash[] Stored = [.. Products.Select(p => PerceptualHash.Stored(p)!)];

    [Theory]
    [InlineData(0.0f, 130)]
    [InlineData(0.04f, 130)]
    [InlineData(0.08f, 200)]
    public void A_screenshot_of_a_post_is_closest_to_its_product_and_far_from_the_others(float cut, int top)
    {
        for (var i = 0; i < Products.Length; i++)
        {
            var shot = PerceptualHash.Load(TestImages.Screenshot(Products[i], cut, top))!;
            var distances = PerceptualHash.Closest(shot, Stored);
            Assert.True(distances[i] <= PhotoMatchThresholds.Close, $"product {i}: distance {distances[i]}");
            Assert.All(distances.Where((_, j) => j != i), d => Assert.True(d > PhotoMatchThresholds.Near, $"product {i}: another at {d}"));
        }
    }

    [Fact]
    public void A_resized_recompressed_photo_keeps_its_hash_and_a_different_photo_does_not()
    {
        var same = PerceptualHash.Stored(TestImages.Resized(Products[0], 240, 40))!;
        Assert.True(PerceptualHash.Distance(same.Hashes[0], Stored[0].Hashes[0]) <= 6);
        Assert.True(PerceptualHash.FineDistance(same.FineOf(0), Stored[0].FineOf(0)) <= PhotoMatchThresholds.Close);
        Assert.True(PerceptualHash.FineDistance(Stored[1].FineOf(0), Stored[0].FineOf(0)) > PhotoMatchThresholds.Near);
    }

    [Fact]
    public void Something_that_is_not_an_image_is_refused()
    {
        Assert.Null(PerceptualHash.Load("not an image"u8));
        Assert.Null(PerceptualHash.Stored([]));
    }
}
