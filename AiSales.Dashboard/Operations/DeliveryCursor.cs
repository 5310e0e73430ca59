using System.Buffers.Binary;
using System.Buffers.Text;

namespace AiSales.Dashboard.Operations;

/// <summary>
/// A place in the delivery list: the sort key (<c>received_at</c>, <c>id</c>) of the delivery a page ended with. The
/// cursor carries the key itself, so the next page needs no lookup of that delivery, which retention may have deleted
/// meanwhile. Opaque to clients: base64url of the arrival time in microseconds since the Unix epoch (Postgres'
/// precision, so the round trip is exact) and the id, both big-endian 64-bit.
/// </summary>
public readonly record struct DeliveryCursor(DateTimeOffset ReceivedAt, long Id)
{
    private const int Size = 2 * sizeof(long);
    private static readonly long MinMicros = MicrosSinceEpoch(DateTimeOffset.MinValue);
    private static readonly long MaxMicros = MicrosSinceEpoch(DateTimeOffset.MaxValue);

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Size];
        BinaryPrimitives.WriteInt64BigEndian(bytes, MicrosSinceEpoch(ReceivedAt));
        BinaryPrimitives.WriteInt64BigEndian(bytes[sizeof(long)..], Id);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>False for anything <see cref="Encode"/> cannot have produced (wrong length, not base64url, time out of range).</summary>
    public static bool TryDecode(string text, out DeliveryCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[Size];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != Size) return false;
        var micros = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (micros < MinMicros || micros > MaxMicros) return false;
        cursor = new DeliveryCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond),
            BinaryPrimitives.ReadInt64BigEndian(bytes[sizeof(long)..]));
        return true;
    }

    private static long MicrosSinceEpoch(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
}
