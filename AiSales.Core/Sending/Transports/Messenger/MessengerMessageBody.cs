using System.Text.Json;
using System.Text.Json.Nodes;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.Transports.Messenger;

/// <summary>
/// The Send API body shared by Messenger and Instagram (both hosts accept the same JSON):
/// <c>{"recipient":{"id"|"comment_id"},"messaging_type":"RESPONSE"|"MESSAGE_TAG","tag":"HUMAN_AGENT"?,"message":{"text"|"attachment","metadata"},"reply_to":{"mid"}?}</c>.
/// </summary>
public static class MessengerMessageBody
{
    /// <summary>Meta rejects metadata of 1000 characters or more.</summary>
    public const int MaxMetadataLength = 999;

    /// <summary>Builds the body, or returns the reason the send cannot be expressed on this API.</summary>
    public static (JsonObject? Body, string? Problem) Build(SendRequest send)
    {
        if (send.MessagingType == MessagingType.Template)
            return (null, "Templates exist only on WhatsApp; Messenger/Instagram need a HUMAN_AGENT reply or a new customer message.");
        var hasText = !string.IsNullOrEmpty(send.Text) && send.Showcase is null;
        var hasAttachment = !string.IsNullOrEmpty(send.AttachmentUrl) || send.Showcase is { Items.Count: > 0 };
        if (hasText == hasAttachment)
            return (null, hasText
                ? "Messenger/Instagram carry text or one attachment per message; send them as two messages."
                : "The message has neither text nor an attachment.");
        if (send.IdempotencyKey.Length > MaxMetadataLength)
            return (null, "The idempotency key is too long for Meta's metadata field.");

        var privateReply = send.MessagingType == MessagingType.PrivateReply || send.RecipientKind == RecipientKind.Comment;
        var body = new JsonObject
        {
            ["recipient"] = privateReply
                ? new JsonObject { ["comment_id"] = send.Recipient }
                : new JsonObject { ["id"] = send.Recipient },
        };

        // A private reply names a comment, not a thread: it takes no messaging_type (Meta's examples omit it).
        if (!privateReply)
        {
            if (send.MessagingType == MessagingType.HumanAgent)
            {
                body["messaging_type"] = "MESSAGE_TAG";
                body["tag"] = "HUMAN_AGENT";
            }
            else
            {
                body["messaging_type"] = "RESPONSE";
            }
        }

        var message = new JsonObject();
        if (hasText)
        {
            message["text"] = send.Text;
        }
        else if (send.Showcase is { } showcase)
        {
            message["attachment"] = GenericTemplate(showcase);
        }
        else
        {
            message["attachment"] = new JsonObject
            {
                ["type"] = send.AttachmentType,
                ["payload"] = new JsonObject { ["url"] = send.AttachmentUrl, ["is_reusable"] = false },
            };
        }
        // Echoed back on the is_echo webhook: lets the ledger match an echo to this send.
        message["metadata"] = send.IdempotencyKey;
        body["message"] = message;

        if (!privateReply && !string.IsNullOrEmpty(send.ReplyToExternalId))
            body["reply_to"] = new JsonObject { ["mid"] = send.ReplyToExternalId };

        return (body, null);
    }

    /// <summary>
    /// Cards of the generic template (Messenger and Instagram, at most 10): title ≤ 80, subtitle ≤ 80, the product's photo,
    /// and a postback button whose payload names the SKU, so the tap comes back as that product in focus.
    /// </summary>
    private static JsonObject GenericTemplate(ProductShowcase showcase) => new()
    {
        ["type"] = "template",
        ["payload"] = new JsonObject
        {
            ["template_type"] = "generic",
            ["elements"] = new JsonArray([.. showcase.Items.Take(ProductShowcase.MaxCards).Select(i =>
            {
                var card = new JsonObject { ["title"] = Clip(i.Title, 80), ["subtitle"] = Clip(i.Subtitle, 80) };
                if (!string.IsNullOrEmpty(i.ImageUrl)) card["image_url"] = i.ImageUrl;
                card["buttons"] = new JsonArray(new JsonObject
                {
                    ["type"] = "postback", ["title"] = Clip(showcase.Button, 20), ["payload"] = ProductShowcase.PostbackPrefix + i.RetailerId,
                });
                return (JsonNode)card;
            })]),
        },
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Success body <c>{"recipient_id","message_id"}</c>.</summary>
    public static string? ReadMessageId(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message_id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
