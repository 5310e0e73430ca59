using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace StackExchange.Redis.Protocol;

/// <summary>
/// Parses RESP2 replies from a byte sequence. <see cref="TryRead"/> consumes one whole reply or
/// nothing, so a reply split across socket reads is simply retried when more bytes arrive.
/// </summary>
internal static class RespReader
{
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out RedisResult result)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!TryReadValue(ref reader, out result)) return false;
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, out RedisResult result)
    {
        result = null!;
        if (!reader.TryRead(out var prefix) || !reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8)) return false;
        switch (prefix)
        {
            case (byte)'+':
                result = RedisResult.Create(Encoding.UTF8.GetString(line), ResultType.SimpleString);
                return true;
            case (byte)'-':
                result = RedisResult.Error(Encoding.UTF8.GetString(line));
                return true;
            case (byte)':':
                result = RedisResult.Create(ParseInteger(line), ResultType.Integer);
                return true;
            case (byte)'$':
            {
                var length = ParseInteger(line);
                if (length < 0) { result = RedisResult.Create(RedisValue.Null); return true; }
                if (reader.Remaining < length + 2) return false;
                var bytes = new byte[length];
                reader.TryCopyTo(bytes);
                reader.Advance(length + 2);
                result = RedisResult.Create(bytes);
                return true;
            }
            case (byte)'*':
            {
                var count = ParseInteger(line);
                if (count < 0) { result = RedisResult.Create((RedisResult[]?)null); return true; }
                var items = new RedisResult[count];
                for (var i = 0; i < count; i++)
                {
                    if (!TryReadValue(ref reader, out items[i])) return false;
                }
                result = RedisResult.Create(items);
                return true;
            }
            default:
                throw new RedisConnectionException(ConnectionFailureType.ProtocolFailure,
                    $"Unexpected RESP type byte 0x{prefix:X2}; the connection is out of step and will be reset.");
        }
    }

    private static long ParseInteger(ReadOnlySequence<byte> line)
    {
        Span<byte> scratch = stackalloc byte[24];
        var span = line.IsSingleSegment ? line.FirstSpan : Copy(line, scratch);
        return Utf8Parser.TryParse(span, out long value, out var consumed) && consumed == span.Length
            ? value
            : throw new RedisConnectionException(ConnectionFailureType.ProtocolFailure, "Malformed RESP integer.");
    }

    private static ReadOnlySpan<byte> Copy(ReadOnlySequence<byte> line, Span<byte> scratch)
    {
        if (line.Length > scratch.Length) throw new RedisConnectionException(ConnectionFailureType.ProtocolFailure, "RESP integer too long.");
        line.CopyTo(scratch);
        return scratch[..(int)line.Length];
    }
}
