using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>
/// OpenAI's speech-to-text endpoint (POST /v1/audio/transcriptions and /audio/transcriptions, Bearer key, multipart with
/// "file" and "model") in the real wire format: {"text": …} (or the bare text when response_format is "text").
/// <see cref="Transcriber"/> decides the words from the uploaded bytes; each upload is kept in <see cref="Transcriptions"/> (not in
/// the shared text record of requests: the body is binary).
/// </summary>
public sealed partial class FakeOpenAi
{
    /// <summary>One transcription request: the model asked for, the file's name and its bytes.</summary>
    public sealed record TranscriptionRequest(string Model, string FileName, byte[] Audio);

    private readonly System.Collections.Concurrent.ConcurrentQueue<TranscriptionRequest> _transcriptions = new();

    public Func<byte[], string> Transcriber { get; set; } = _ => "شكد سعر العباية؟";

    public IReadOnlyList<TranscriptionRequest> Transcriptions => [.. _transcriptions];

    private void MapAudio(WebApplication app)
    {
        app.MapPost("/v1/audio/transcriptions", Transcribe);
        app.MapPost("/audio/transcriptions", Transcribe);
    }

    private async Task Transcribe(HttpContext context)
    {
        // Read as a form (binary audio), not through the shared text recorder; the uploads are kept below.
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length <= 7)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "Missing bearer", type = "invalid_request_error" } });
            return;
        }
        var form = await context.Request.ReadFormAsync();
        if (form.Files["file"] is not { } file || string.IsNullOrEmpty(form["model"]))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "file and model are required", type = "invalid_request_error" } });
            return;
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        _transcriptions.Enqueue(new TranscriptionRequest(form["model"].ToString(), file.FileName, buffer.ToArray()));
        var text = Transcriber(buffer.ToArray());
        if (form["response_format"] == "text") await context.Response.WriteAsync(text);
        else await context.Response.WriteAsJsonAsync(new { text });
    }
}
