using System.Text.Json;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Webhooks.Ingest;

/// <summary>
/// The only parsing done before we answer Meta: check the body is well-formed JSON (a forward-only,
/// allocation-free pass) and read the top-level "object" to see that it fits the route. Everything
/// else is the worker's job.
/// </summary>
public static class EnvelopeInspector
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256, CommentHandling = JsonCommentHandling.Disallow };

    public enum Verdict { Ok, Malformed, WrongObject }

    public static Verdict Inspect(ReadOnlySpan<byte> body, ChannelPlatform route, out string? objectName)
    {
        objectName = null;
        // Utf8JsonReader checks structure but not the bytes inside strings; Meta only sends valid UTF-8, and a
        // stored body the worker cannot decode would only become a dead letter. One vectorized pass.
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return Verdict.Malformed;
        try
        {
            var reader = new Utf8JsonReader(body, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return Verdict.Malformed;
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("object"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String) objectName = reader.GetString();
                    else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                }
            }
            // Utf8JsonReader only reaches here if the whole document is valid.
        }
        catch (JsonException)
        {
            return Verdict.Malformed;
        }
        return objectName is not null && Fits(route, objectName) ? Verdict.Ok : Verdict.WrongObject;
    }

    // Messenger deliveries say "page" (messages and the Page feed); WhatsApp Cloud says
    // "whatsapp_business_account"; Instagram says "instagram".
    private static bool Fits(ChannelPlatform route, string objectName) => route switch
    {
        ChannelPlatform.Instagram => objectName == "instagram",
        ChannelPlatform.Messenger => objectName == "page",
        ChannelPlatform.WhatsApp => objectName == "whatsapp_business_account",
        _ => false,
    };
}
