using System.Buffers;
using System.IO.Pipelines;

namespace AiSales.Webhooks.Ingest;

/// <summary>
/// Reads the exact request bytes (the signature covers them, so nothing may be re-encoded) with a
/// hard cap, without buffering more than cap + one segment.
/// </summary>
public static class RawBodyReader
{
    public sealed record Result(byte[]? Body, bool TooLarge);

    public static async Task<Result> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength is long declared && declared > maxBytes)
            return new Result(null, TooLarge: true);

        PipeReader reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            var buffer = read.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return new Result(null, TooLarge: true);
            }
            if (read.IsCompleted || read.IsCanceled)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return new Result(body, TooLarge: false);
            }
            // Keep everything, ask for more.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
