using System.Text;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Security;
using AiSales.Tests.Fakes;
using AiSales.Tests.Inbound;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Pipeline;

/// <summary>
/// A customer's voice note through the Worker: with a transcription model configured the note is
/// fetched, transcribed by the OpenAI fake, stored on the message and answered like text; without one, the customer is
/// asked to type. The payload is the real WhatsApp media shape (whatsapp_image_bindambc.json) with an "audio" object, as
/// Cloud API sends a voice note.
/// </summary>
public sealed class VoiceNotePipelineTests : IAsyncLifetime
{
    private const string MediaId = "1234567890123456";
    private static readonly byte[] Note = Encoding.ASCII.GetBytes("OggS-fake-opus-voice-note");
    private FakeGraphApi _graph = null!;
    private FakeOpenAi _openAi = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraphApi.StartNewAsync();
        _openAi = await FakeOpenAi.StartNewAsync();
        _graph.AddMedia(MediaId, Note, "audio/ogg");
    }

    public async Task DisposeAsync()
    {
        await _graph.DisposeAsync();
        await _openAi.DisposeAsync();
    }

    private static byte[] VoiceNote()
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(MetaFixtures.Bytes("whatsapp_image_bindambc.json"))!;
        var message = payload["entry"]![0]!["changes"]![0]!["value"]!["messages"]![0]!.AsObject();
        message.Remove("image");
        message["type"] = "audio";
        message["audio"] = new System.Text.Json.Nodes.JsonObject
        {
            ["mime_type"] = "audio/ogg; codecs=opus", ["sha256"] = "x", ["id"] = MediaId, ["voice"] = true,
        };
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    private async Task<PipelineHost> HostAsync(bool transcription)
    {
        var settings = new Dictionary<string, string>
        {
            ["Meta:GraphApiBaseUrl"] = _graph.BaseUrl, ["MediaFetch:AllowedHosts:0"] = "127.0.0.1", ["MediaFetch:RequireHttps"] = "false",
        };
        if (transcription)
        {
            settings["Ai:Provider"] = "openai-compatible";
            settings["Ai:Endpoint"] = _openAi.BaseUrl + "/v1/";
            settings["Ai:ApiKey"] = "test-key";
            settings["Ai:TranscriptionModel"] = "whisper-1";
        }
        var host = PipelineHost.With(settings);
        await host.InitializeAsync();
        var token = host.Services.GetRequiredService<TokenProtector>().Protect("wa-token");
        await host.ExecAsync("UPDATE channel_accounts SET access_token_encrypted = $1 WHERE platform = 'whatsapp'", token);
        return host;
    }

    [Fact]
    public async Task A_voice_note_is_transcribed_stored_and_answered_like_text()
    {
        var host = await HostAsync(transcription: true);
        try
        {
            var reply = await AnswerAsync(host);

            var transcription = Assert.Single(_openAi.Transcriptions);
            Assert.Equal("whisper-1", transcription.Model);
            Assert.Equal(Note, transcription.Audio);
            Assert.EndsWith(".ogg", transcription.FileName);
            Assert.Equal("شكد سعر العباية؟", await host.ScalarAsync<string>("SELECT transcript FROM messages WHERE kind = 'audio'"));
            // The model was asked about what the note said, and its answer went out.
            Assert.Contains("شكد سعر العباية؟", Assert.Single(_openAi.ChatRequests).LastUserMessage);
            Assert.DoesNotContain("البصم", reply); // answered, not asked to type
        }
        finally { await ((IAsyncLifetime)host).DisposeAsync(); }
    }

    [Fact]
    public async Task Without_a_transcription_model_the_customer_is_asked_to_type()
    {
        var host = await HostAsync(transcription: false);
        try
        {
            var reply = await AnswerAsync(host);

            Assert.Contains("البصم", reply);
            Assert.Empty(_openAi.Transcriptions);
            Assert.Empty(_graph.Requests); // nothing fetched that nobody would listen to
            Assert.Null(await host.ScalarAsync<string?>("SELECT transcript FROM messages WHERE kind = 'audio'"));
        }
        finally { await ((IAsyncLifetime)host).DisposeAsync(); }
    }

    private static async Task<string> AnswerAsync(PipelineHost host)
    {
        await host.DeliverAsync(ChannelPlatform.WhatsApp, VoiceNote());
        var job = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(host.Services));
        await host.InvokeAsync(job.Message);
        var reply = Assert.Single(await host.RowsAsync(
            "SELECT text FROM messages WHERE conversation_id = $1 AND direction = 'outbound' AND author = 'ai'", job.Message.ConversationId));
        return Assert.IsType<string>(reply["text"]);
    }
}
