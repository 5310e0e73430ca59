using AiSales.Core.Media;
using AiSales.Core.Persistence.Entities;
using SkiaSharp;

namespace AiSales.Core.Demo;

/// <summary>
/// Stand-in "product photos" for the demo shop's linked products (<see cref="DemoCatalog.LinkedMedia"/>): a drawing of
/// shapes in colours seeded by the SKU, the same every run, so a screenshot of one (open it from the catalog's product
/// form) is recognised as that product offline (docs/media.md).
/// </summary>
internal static class DemoPhotos
{
    public static ProductPhoto? For(Product product, DateTimeOffset now)
    {
        var bytes = Draw(product.Sku);
        var (type, hash, problem) = ProductPhotoStore.Check(bytes);
        if (problem != ProductPhotoProblem.None) return null;
        return new ProductPhoto
        {
            ProductId = product.Id, MerchantId = product.MerchantId, ContentType = type!, Bytes = bytes,
            Dhash = hash!.Hashes, FineHash = hash.Fine, Aspect = hash.Aspect, CreatedAt = now, UpdatedAt = now,
        };
    }

    private static byte[] Draw(string sku)
    {
        var random = new Random(sku.Aggregate(17, (h, c) => h * 31 + c));
        using var surface = SKSurface.Create(new SKImageInfo(600, 600));
        var canvas = surface.Canvas;
        canvas.Clear(Colour(random));
        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 14; i++)
        {
            paint.Color = Colour(random);
            var (x, y, r) = (random.Next(600), random.Next(600), random.Next(50, 200));
            if (i % 2 == 0) canvas.DrawCircle(x, y, r, paint);
            else canvas.DrawRect(x - r, y - r / 2, r * 1.5f, r, paint);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static SKColor Colour(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
}
