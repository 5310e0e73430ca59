namespace AiSales.Core.Media;

/// <summary>
/// Distances of the 256-bit hash between a customer's photo (its best window) and a product photo. Unrelated photos
/// differ in about half the bits even at their best window; a screenshot of the product's post (cut, resized, JPEG
/// re-encoded) stays far below (measured on generated screenshots in Tests/Media).
/// </summary>
public static class PhotoMatchThresholds
{
    /// <summary>At most this far: the product (when no other product is as close).</summary>
    public const int Close = 40;

    /// <summary>At most this far: a candidate worth asking about ("this one or that one?").</summary>
    public const int Near = 46;
}
