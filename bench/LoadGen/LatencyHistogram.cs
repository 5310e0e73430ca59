using System.Numerics;

namespace AiSales.Bench.LoadGen;

/// <summary>
/// Log-linear histogram of microseconds, HdrHistogram-style: exact below 512 µs, then 256 linear
/// sub-buckets per power of two (≤0.4% error) — fixed memory however long the run is.
/// Not thread-safe: each worker owns one and they are merged at the end.
/// </summary>
public sealed class LatencyHistogram
{
    const int SubBits = 8;
    const int SubCount = 1 << SubBits;          // 256 sub-buckets per octave
    const int ExactLimit = SubCount * 2;        // values below 512 µs are stored exactly
    const int MaxExponent = 40 - SubBits;       // up to 2^40 µs, far beyond any timeout

    readonly long[] _counts = new long[ExactLimit + MaxExponent * SubCount];

    public long Count { get; private set; }
    public long MaxMicros { get; private set; }
    public long MinMicros { get; private set; } = long.MaxValue;
    double _sumMicros;

    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(0, (long)latency.TotalMicroseconds);
        _counts[IndexOf(micros)]++;
        Count++;
        _sumMicros += micros;
        MaxMicros = Math.Max(MaxMicros, micros);
        MinMicros = Math.Min(MinMicros, micros);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
        _sumMicros += other._sumMicros;
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
        MinMicros = Math.Min(MinMicros, other.MinMicros);
    }

    public double MeanMicros => Count == 0 ? 0 : _sumMicros / Count;

    /// <summary>Upper edge of the bucket holding the q-th quantile (conservative), capped at the true max.</summary>
    public long PercentileMicros(double q)
    {
        if (Count == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Math.Min(UpperEdge(i), MaxMicros);
        }
        return MaxMicros;
    }

    static int IndexOf(long micros)
    {
        if (micros < ExactLimit) return (int)micros;
        var exponent = BitOperations.Log2((ulong)micros) - SubBits;   // ≥ 1 here
        exponent = Math.Min(exponent, MaxExponent);
        var sub = (int)Math.Min(micros >> exponent, ExactLimit - 1);   // in [256, 512)
        return ExactLimit + (exponent - 1) * SubCount + (sub - SubCount);
    }

    static long UpperEdge(int index)
    {
        if (index < ExactLimit) return index;
        var exponent = (index - ExactLimit) / SubCount + 1;
        var sub = (index - ExactLimit) % SubCount + SubCount;
        return ((long)(sub + 1) << exponent) - 1;
    }
}
