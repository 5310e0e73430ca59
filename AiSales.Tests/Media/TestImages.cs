using SkiaSharp;

namespace AiSales.Tests.Media;

/// <summary>
/// Generated photos for the matching tests: a "product photo" of seeded shapes, and what customers send of it — a phone
/// screenshot of the post (app bars, caption, the photo cut at the edges), re-encoded as JPEG.
/// </summary>
internal static class TestImages
{
    public static byte[] ProductPhoto(int seed, int width = 600, int height = 600, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        var random = new Random(seed);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(Colour(random));
        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 14; i++)
        {
            paint.Color = Colour(random);
            var (x, y, r) = (random.Next(width), random.Next(height), random.Next(width / 12, width / 3));
            if (i % 2 == 0) canvas.DrawCircle(x, y, r, paint);
            else canvas.DrawRect(x - r, y - r / 2, r * 1.5f, r, paint);
        }
        return Encode(surface, format, 92);
    }

    /// <summary>
    /// A 390×844 phone screenshot: a white top bar with a grey "profile" row, the photo across the screen's width (cut by
    /// <paramref name="cut"/> of its width on each side, as when zoomed), a caption block and a tab bar, as JPEG 70.
    /// </summary>
    public static byte[] Screenshot(byte[] photo, float cut = 0.04f, int top = 130)
    {
        using var surface = SKSurface.Create(new SKImageInfo(390, 844));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var grey = new SKPaint { Color = new SKColor(60, 60, 60) };
        canvas.DrawRect(0, 0, 390, 44, new SKPaint { Color = new SKColor(245, 245, 245) });
        canvas.DrawCircle(30, 90, 18, grey);
        canvas.DrawRect(60, 80, 140, 12, grey);
        using var image = SKImage.FromEncodedData(photo);
        var side = 390 / (1 - 2 * cut);
        var offset = (side - 390) / 2;
        canvas.Save();
        canvas.ClipRect(new SKRect(0, top, 390, top + 390 * image.Height / (float)image.Width));
        canvas.DrawImage(image, new SKRect(-offset, top - offset * image.Height / image.Width, 390 + offset, top + (390 + offset) * image.Height / image.Width), Sampling);
        canvas.Restore();
        for (var line = 0; line < 4; line++) canvas.DrawRect(16, top + 410 + line * 22, 300 - line * 40, 10, grey);
        canvas.DrawRect(0, 790, 390, 54, new SKPaint { Color = new SKColor(250, 250, 250) });
        return Encode(surface, SKEncodedImageFormat.Jpeg, 70);
    }

    /// <summary>The photo resized to <paramref name="width"/> and re-encoded as JPEG at <paramref name="quality"/>.</summary>
    public static byte[] Resized(byte[] photo, int width, int quality = 60)
    {
        using var image = SKImage.FromEncodedData(photo);
        var height = width * image.Height / image.Width;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.DrawImage(image, new SKRect(0, 0, width, height), Sampling);
        return Encode(surface, SKEncodedImageFormat.Jpeg, quality);
    }

    private static byte[] Encode(SKSurface surface, SKEncodedImageFormat format, int quality)
    {
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(format, quality);
        return data.ToArray();
    }

    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    private static SKColor Colour(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
}
