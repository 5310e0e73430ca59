using Microsoft.Extensions.Logging;
using OpenAI.Audio;

namespace AiSales.Core.Replies.Llm;

/// <summary>
/// Turns a customer's voice note into text with the configured provider's speech-to-text model
/// (<see cref="AiOptions.TranscriptionModel"/>; OpenAI-compatible POST …/audio/transcriptions). Off without a provider or
/// a model. A failure is logged by kind only (never the audio or the words) and answers null: the customer is asked to type.
/// </summary>
public sealed class VoiceTranscriber
{
    private readonly AudioClient? _client;
    private readonly ILogger<VoiceTranscriber> _logger;

    public VoiceTranscriber(AiOptions options, ILogger<VoiceTranscriber> logger)
    {
        _logger = logger;
        var provider = AiProviderSelector.Resolve(options, out _);
        if (provider != AiProvider.Offline && !string.IsNullOrWhiteSpace(options.TranscriptionModel))
            _client = OpenAiSdkClients.CreateAudio(options, provider);
    }

    public bool Enabled => _client is not null;

    public async Task<string?> TranscribeAsync(byte[] audio, string? contentType, CancellationToken ct)
    {
        if (_client is null) return null;
        try
        {
            using var stream = new MemoryStream(audio, writable: false);
            var result = await _client.TranscribeAudioAsync(stream, "voice" + Extension(contentType), new AudioTranscriptionOptions(), ct);
            return string.IsNullOrWhiteSpace(result.Value.Text) ? null : result.Value.Text.Trim();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is System.ClientModel.ClientResultException or HttpRequestException
            or TaskCanceledException or IOException)
        {
            _logger.LogWarning("A voice note could not be transcribed: {Error}", ex.GetType().Name);
            return null;
        }
    }

    /// <summary>The provider picks the decoder by the file name's extension (WhatsApp notes are OGG/Opus, Instagram's MP4/AAC).</summary>
    private static string Extension(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "audio/ogg" or "audio/opus" => ".ogg",
        "audio/mpeg" or "audio/mp3" => ".mp3",
        "audio/wav" or "audio/x-wav" => ".wav",
        "audio/webm" => ".webm",
        "audio/aac" => ".aac",
        _ => ".mp4",
    };
}
