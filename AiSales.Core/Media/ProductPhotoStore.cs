using Npgsql;
using SkiaSharp;

namespace AiSales.Core.Media;

/// <summary>Why a product photo was refused (a stable code; the dashboard words it for the merchant).</summary>
public enum ProductPhotoProblem
{
    None,
    Empty,
    TooLarge,
    NotAnImage,
    /// <summary>A plain or nearly blank picture: nothing a customer's photo could be matched to.</summary>
    Blank,
}

/// <summary>
/// A product's photo, kept with the product (table product_photos) with its hashes for matching customers' photos
/// offline (<see cref="PerceptualHash"/>). JPEG, PNG or WebP up to <see cref="MaxBytes"/>; the type is read from the
/// bytes, not from what the upload claims.
/// </summary>
public static class ProductPhotoStore
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The photo's content type and hashes, or the problem with it.</summary>
    public static (string? ContentType, StoredPhotoHash? Hash, ProductPhotoProblem Problem) Check(byte[] bytes)
    {
        if (bytes.Length == 0) return (null, null, ProductPhotoProblem.Empty);
        if (bytes.Length > MaxBytes) return (null, null, ProductPhotoProblem.TooLarge);
        string? type;
        using (var data = SKData.CreateCopy(bytes))
        using (var codec = SKCodec.Create(data))
        {
            type = codec?.EncodedFormat switch
            {
                SKEncodedImageFormat.Jpeg => "image/jpeg",
                SKEncodedImageFormat.Png => "image/png",
                SKEncodedImageFormat.Webp => "image/webp",
                _ => null,
            };
        }
        if (type is null) return (null, null, ProductPhotoProblem.NotAnImage);
        var hash = PerceptualHash.Stored(bytes);
        return hash is null ? (type, null, ProductPhotoProblem.Blank) : (type, hash, ProductPhotoProblem.None);
    }

    /// <summary>Saves (or replaces) the product's photo; false when the product is not this merchant's.</summary>
    public static async Task<bool> SaveAsync(NpgsqlConnection conn, Guid merchantId, Guid productId, byte[] bytes, string contentType,
        StoredPhotoHash hash, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO product_photos (product_id, merchant_id, content_type, bytes, dhash, fine_hash, aspect)
            SELECT p.id, p.merchant_id, $3, $4, $5, $6, $7 FROM products p WHERE p.id = $2 AND p.merchant_id = $1
            ON CONFLICT (product_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes,
                dhash = excluded.dhash, fine_hash = excluded.fine_hash, aspect = excluded.aspect, updated_at = now()
            """, conn);
        foreach (var value in new object[] { merchantId, productId, contentType, bytes, hash.Hashes, hash.Fine, hash.Aspect })
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The hashes of the photos of the merchant's active products.</summary>
    public static async Task<List<(Guid ProductId, StoredPhotoHash Hash)>> HashesAsync(NpgsqlDataSource dataSource, Guid merchantId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT pp.product_id, pp.dhash, pp.fine_hash, pp.aspect FROM product_photos pp
            JOIN products p ON p.id = pp.product_id AND p.active
            WHERE pp.merchant_id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(Guid, StoredPhotoHash)>();
        while (await r.ReadAsync(ct))
            list.Add((r.GetGuid(0), new StoredPhotoHash(r.GetFieldValue<long[]>(1), r.GetFieldValue<byte[]>(2), r.GetFloat(3))));
        return list;
    }

    /// <summary>Up to <paramref name="limit"/> photos of the merchant's active products (bytes and type), for a model that looks at images.</summary>
    public static async Task<List<(Guid ProductId, byte[] Bytes, string ContentType)>> PhotosAsync(NpgsqlDataSource dataSource, Guid merchantId,
        int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT pp.product_id, pp.bytes, pp.content_type FROM product_photos pp
            JOIN products p ON p.id = pp.product_id AND p.active
            WHERE pp.merchant_id = $1 ORDER BY p.sku LIMIT $2
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(Guid, byte[], string)>();
        while (await r.ReadAsync(ct)) list.Add((r.GetGuid(0), r.GetFieldValue<byte[]>(1), r.GetString(2)));
        return list;
    }
}
