using System.Buffers;
using System.Buffers.Text;

namespace StackExchange.Redis.Protocol;

/// <summary>
/// Serializes a command as a RESP array of bulk strings (the only request form Redis needs):
/// <c>*N\r\n$len\r\narg\r\n...</c>.
/// </summary>
internal static class RespWriter
{
    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    public static void WriteCommand(IBufferWriter<byte> writer, IReadOnlyList<byte[]> parts)
    {
        WriteHeader(writer, (byte)'*', parts.Count);
        foreach (var part in parts)
        {
            WriteHeader(writer, (byte)'$', part.Length);
            writer.Write(part);
            writer.Write(CrLf);
        }
    }

    private static void WriteHeader(IBufferWriter<byte> writer, byte prefix, int length)
    {
        var span = writer.GetSpan(16);
        span[0] = prefix;
        Utf8Formatter.TryFormat(length, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        writer.Advance(3 + written);
    }
}
