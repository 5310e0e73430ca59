namespace AiSales.Core.Persistence.Entities;

/// <summary>
/// A product's photo with its matching hashes (migration 0016, docs/media.md). Written and read with SQL
/// (AiSales.Core/Media/ProductPhotoStore.cs); mapped so the schema and the model agree.
/// </summary>
public class ProductPhoto
{
    public Guid ProductId { get; set; }
    public Guid MerchantId { get; set; }
    public string ContentType { get; set; } = "";
    public byte[] Bytes { get; set; } = [];
    /// <summary>64-bit difference hashes of the whole photo and of its 5 % / 10 % crops.</summary>
    public long[] Dhash { get; set; } = [];
    /// <summary>The 256-bit hashes, 32 bytes each, in the same order.</summary>
    public byte[] FineHash { get; set; } = [];
    public float Aspect { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
