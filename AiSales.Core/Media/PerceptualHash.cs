using System.Numerics;
using SkiaSharp;

namespace AiSales.Core.Media;

/// <summary>
/// A 64-bit difference hash (dHash) of a photo: the photo reduced to 9×8 grey cells, one bit per pair of neighbours
/// (is the left cell brighter?). Resizing, JPEG re-encoding and small colour shifts keep most bits; another photo flips
/// about half. Decoding is SkiaSharp's; the reduction and the hash are here.
/// </summary>
public static class PerceptualHash
{
    /// <summary>Larger images are refused before decoding (a "decompression bomb" is a small file of a huge image).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The photo as a small grey grid whose shorter side is <paramref name="shortSide"/> cells; null when it is no image we can decode.</summary>
    public static GreyImage? Load(ReadOnlySpan<byte> bytes, int shortSide = 128)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0 || (long)codec.Info.Width * codec.Info.Height > MaxPixels) return null;
        using var bitmap = SKBitmap.Decode(codec, new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (bitmap is null) return null;

        var (w, h) = (bitmap.Width, bitmap.Height);
        var scale = (double)shortSide / Math.Min(w, h);
        var gw = Math.Max(1, (int)Math.Round(w * scale));
        var gh = Math.Max(1, (int)Math.Round(h * scale));
        var sums = new double[gw * gh];
        var counts = new int[gw * gh];
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < h; y++)
        {
            var gy = Math.Min(gh - 1, (int)(y * scale));
            var row = y * bitmap.RowBytes;
            for (var x = 0; x < w; x++)
            {
                var i = row + x * 4;
                var gx = Math.Min(gw - 1, (int)(x * scale));
                sums[gy * gw + gx] += 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
                counts[gy * gw + gx]++;
            }
        }
        var grey = new float[gw * gh];
        for (var i = 0; i < grey.Length; i++) grey[i] = counts[i] == 0 ? 0 : (float)(sums[i] / counts[i]);
        return new GreyImage(grey, gw, gh);
    }

    public static int Distance(long a, long b) => BitOperations.PopCount((ulong)(a ^ b));

    /// <summary>How much of each side a stored crop leaves out: the whole photo, and the photo as a zoomed post shows it.</summary>
    public static readonly double[] Crops = [0, 0.05, 0.10];

    private const int Shortlist = 6;

    /// <summary>
    /// How close <paramref name="customer"/> comes to each product photo. First the windows of the product's shape (the
    /// whole photo, then from half to all of the largest that fits, slid across it) whose 64-bit hashes are nearest to
    /// any of the product's stored crops; then those few windows' 256-bit hashes against the crop's (the second look that
    /// tells a true match from the best of thousands of chance windows). A screenshot of a post holds the post's photo
    /// somewhere between the app's bars, often zoomed so its edges are cut. Windows are hashed once per shape.
    /// </summary>
    /// <returns>Per product, the smallest 256-bit distance (0–256; 256 when no window had any texture).</returns>
    public static int[] Closest(GreyImage customer, IReadOnlyList<StoredPhotoHash> products)
    {
        // One candidate per stored crop of each product: (product index, 64-bit hash, 256-bit hash).
        var candidates = products.SelectMany((p, i) => p.Hashes.Select((h, k) => (Product: i, Hash: h, Fine: p.FineOf(k)))).ToArray();
        var shortlists = candidates.Select(_ => new List<(int D, int X, int Y, int W, int H)>()).ToArray();
        void Offer(int c, int d, int x, int y, int w, int h)
        {
            var list = shortlists[c];
            if (list.Count == Shortlist && d >= list[^1].D) return;
            var at = list.FindIndex(e => e.D > d);
            list.Insert(at < 0 ? list.Count : at, (d, x, y, w, h));
            if (list.Count > Shortlist) list.RemoveAt(Shortlist);
        }

        if (customer.Hash(0, 0, customer.Width, customer.Height) is { } whole)
            for (var c = 0; c < candidates.Length; c++) Offer(c, Distance(whole, candidates[c].Hash), 0, 0, customer.Width, customer.Height);
        foreach (var shape in Enumerable.Range(0, candidates.Length).GroupBy(c => MathF.Round(products[candidates[c].Product].Aspect * 20) / 20))
        {
            var members = shape.ToArray();
            var aspect = shape.Key;
            var fullW = Math.Min(customer.Width, customer.Height * aspect);
            for (var s = 1.0; s >= 0.5; s -= 0.04)
            {
                var ww = (int)Math.Round(fullW * s);
                var wh = (int)Math.Round(ww / aspect);
                if (ww < 16 || wh < 16 || wh > customer.Height) continue;
                var stride = Math.Max(1, Math.Min(ww, wh) / 32);
                for (var y = 0; y + wh <= customer.Height; y += stride)
                    for (var x = 0; x + ww <= customer.Width; x += stride)
                    {
                        if (customer.Hash(x, y, ww, wh) is not { } h) continue;
                        foreach (var c in members) Offer(c, Distance(h, candidates[c].Hash), x, y, ww, wh);
                    }
            }
        }

        var best = Enumerable.Repeat(256, products.Count).ToArray();
        for (var c = 0; c < candidates.Length; c++)
            foreach (var (_, x, y, w, h) in shortlists[c])
                if (customer.Fine(x, y, w, h) is { } f && FineDistance(f, candidates[c].Fine) is var d && d < best[candidates[c].Product])
                    best[candidates[c].Product] = d;
        return best;
    }

    /// <summary>The stored hashes of a photo (one per <see cref="Crops"/>); null when it is no image we can decode or it is blank.</summary>
    public static StoredPhotoHash? Stored(ReadOnlySpan<byte> bytes)
    {
        if (Load(bytes) is not { } image) return null;
        var hashes = new List<long>();
        var fine = new List<byte>();
        foreach (var crop in Crops)
        {
            var (x, y) = ((int)Math.Round(image.Width * crop), (int)Math.Round(image.Height * crop));
            var (w, h) = (image.Width - 2 * x, image.Height - 2 * y);
            if (image.Hash(x, y, w, h) is not { } hash || image.Fine(x, y, w, h) is not { } bits) return null;
            hashes.Add(hash);
            fine.AddRange(bits);
        }
        return new StoredPhotoHash([.. hashes], [.. fine], (float)image.Width / image.Height);
    }

    public static int FineDistance(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var d = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++) d += BitOperations.PopCount((uint)(a[i] ^ b[i]));
        return d;
    }
}

/// <summary>
/// What is kept of a product photo for matching, per stored crop (<see cref="PerceptualHash.Crops"/>): its 64-bit dHash
/// and its 256-bit dHash (32 bytes each, one after the other in <see cref="Fine"/>); and its shape (width / height).
/// </summary>
public sealed record StoredPhotoHash(long[] Hashes, byte[] Fine, float Aspect)
{
    public const int FineBytes = 32;

    public byte[] FineOf(int crop) => Fine[(crop * FineBytes)..((crop + 1) * FineBytes)];
}

/// <summary>A photo as grey levels (0–255), row by row, with a summed-area table for fast window averages.</summary>
public sealed class GreyImage
{
    private readonly double[] _integral;

    public GreyImage(float[] grey, int width, int height)
    {
        (Width, Height) = (width, height);
        _integral = new double[(width + 1) * (height + 1)];
        for (var y = 0; y < height; y++)
        {
            double row = 0;
            for (var x = 0; x < width; x++)
            {
                row += grey[y * width + x];
                _integral[(y + 1) * (width + 1) + x + 1] = _integral[y * (width + 1) + x + 1] + row;
            }
        }
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>
    /// The 64-bit dHash (9×8 cells) of one window; null when the window is nearly flat (a blank bar or a plain wall: its
    /// bits would be noise, and noise must not match a product).
    /// </summary>
    public long? Hash(int x, int y, int w, int h) => Bits(x, y, w, h, 8) is { } bits ? BitConverter.ToInt64(bits) : null;

    /// <summary>The 256-bit dHash (17×16 cells) of one window, 32 bytes; null when nearly flat.</summary>
    public byte[]? Fine(int x, int y, int w, int h) => Bits(x, y, w, h, 16);

    private byte[]? Bits(int x, int y, int w, int h, int n)
    {
        Span<double> cells = stackalloc double[(n + 1) * n];
        double sum = 0, squares = 0;
        for (var r = 0; r < n; r++)
            for (var c = 0; c <= n; c++)
            {
                var v = Mean(x + c * w / (n + 1.0), y + r * h / (double)n, x + (c + 1) * w / (n + 1.0), y + (r + 1) * h / (double)n);
                cells[r * (n + 1) + c] = v;
                sum += v;
                squares += v * v;
            }
        var mean = sum / cells.Length;
        if (squares / cells.Length - mean * mean < 40) return null; // standard deviation under ~6 grey levels
        var bits = new byte[n * n / 8];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
                if (cells[r * (n + 1) + c] > cells[r * (n + 1) + c + 1]) bits[(r * n + c) / 8] |= (byte)(1 << ((r * n + c) % 8));
        return bits;
    }

    private double Mean(double x0, double y0, double x1, double y1)
    {
        int ix0 = (int)x0, iy0 = (int)y0, ix1 = Math.Max(ix0 + 1, (int)Math.Round(x1)), iy1 = Math.Max(iy0 + 1, (int)Math.Round(y1));
        ix1 = Math.Min(ix1, Width);
        iy1 = Math.Min(iy1, Height);
        var stride = Width + 1;
        var total = _integral[iy1 * stride + ix1] - _integral[iy0 * stride + ix1] - _integral[iy1 * stride + ix0] + _integral[iy0 * stride + ix0];
        return total / ((ix1 - ix0) * (iy1 - iy0));
    }
}
