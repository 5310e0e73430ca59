using System.Text.Json.Nodes;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.Transports.ManyChat;

/// <summary>
/// <c>POST /fb/sending/sendContent</c> body: <c>{"subscriber_id", "data":{"version":"v2","content":{"type"?,"messages":[...]}}, "message_tag"?}</c>.
/// content.type is "instagram"/"whatsapp" and omitted for Facebook (Messenger).
/// </summary>
public static class ManyChatContentBody
{
    public static (JsonObject? Body, string? Problem) Build(SendRequest send)
    {
        if (send.MessagingType is MessagingType.PrivateReply or MessagingType.Template or MessagingType.CommentReply || send.RecipientKind == RecipientKind.Comment)
            return (null, "ManyChat sendContent cannot send comment replies (private or public) or WhatsApp templates.");

        var messages = new JsonArray();
        if (!string.IsNullOrEmpty(send.Text)) messages.Add(new JsonObject { ["type"] = "text", ["text"] = send.Text });
        if (!string.IsNullOrEmpty(send.AttachmentUrl)) messages.Add(new JsonObject { ["type"] = send.AttachmentType, ["url"] = send.AttachmentUrl });
        if (messages.Count == 0) return (null, "The message has neither text nor an attachment.");

        var content = new JsonObject();
        var type = send.Platform switch
        {
            ChannelPlatform.Instagram => "instagram",
            ChannelPlatform.WhatsApp => "whatsapp",
            _ => null,
        };
        if (type is not null) content["type"] = type;
        content["messages"] = messages;

        var body = new JsonObject
        {
            // ManyChat subscriber ids are integers; keep a non-numeric id as a string rather than guess.
            ["subscriber_id"] = long.TryParse(send.Recipient, out var numeric) ? JsonValue.Create(numeric) : JsonValue.Create(send.Recipient),
            ["data"] = new JsonObject { ["version"] = "v2", ["content"] = content },
        };
        if (send.MessagingType == MessagingType.HumanAgent) body["message_tag"] = "HUMAN_AGENT";
        return (body, null);
    }
}
