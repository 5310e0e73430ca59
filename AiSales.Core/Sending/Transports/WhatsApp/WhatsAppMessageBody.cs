using System.Text.Json;
using System.Text.Json.Nodes;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.Transports.WhatsApp;

/// <summary>WhatsApp Cloud API message bodies: text (inside the 24 h window), media by link, and templates.</summary>
public static class WhatsAppMessageBody
{
    public const int MaxTextLength = 4096;

    public static (JsonObject? Body, string? Problem) Build(SendRequest send)
    {
        if (send.MessagingType == MessagingType.PrivateReply || send.RecipientKind == RecipientKind.Comment)
            return (null, "WhatsApp has no comments to reply to privately.");

        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            // Meta prepends the business number's country code when '+' is missing, which can misdeliver.
            ["to"] = send.Recipient.StartsWith('+') ? send.Recipient : "+" + send.Recipient,
        };

        if (send.MessagingType == MessagingType.Template)
        {
            if (send.Template is not { } template) return (null, "A template send needs the template name, language and parameters.");
            var parameters = new JsonArray();
            for (var i = 0; i < template.BodyParameters.Count; i++)
            {
                var p = new JsonObject { ["type"] = "text", ["text"] = template.BodyParameters[i] };
                if (template.ParameterNames is { } names && i < names.Count) p["parameter_name"] = names[i];
                parameters.Add(p);
            }
            var tpl = new JsonObject
            {
                ["name"] = template.Name,
                ["language"] = new JsonObject { ["code"] = template.LanguageCode },
            };
            if (parameters.Count > 0)
                tpl["components"] = new JsonArray(new JsonObject { ["type"] = "body", ["parameters"] = parameters });
            body["type"] = "template";
            body["template"] = tpl;
        }
        else if (send.Showcase is { } showcase)
        {
            if (ProductMessage(showcase, send.Text) is not { } interactive) return (null, "A product message needs the shop's Meta catalog and at least one product.");
            body["type"] = "interactive";
            body["interactive"] = interactive;
        }
        else if (!string.IsNullOrEmpty(send.AttachmentUrl))
        {
            var media = new JsonObject { ["link"] = send.AttachmentUrl };
            if (!string.IsNullOrEmpty(send.Text)) media["caption"] = send.Text;
            body["type"] = send.AttachmentType;
            body[send.AttachmentType] = media;
        }
        else if (!string.IsNullOrEmpty(send.Text))
        {
            if (send.Text.Length > MaxTextLength) return (null, $"WhatsApp text is limited to {MaxTextLength} characters.");
            body["type"] = "text";
            body["text"] = new JsonObject { ["preview_url"] = false, ["body"] = send.Text };
        }
        else
        {
            return (null, "The message has neither text, an attachment nor a template.");
        }

        if (!string.IsNullOrEmpty(send.ReplyToExternalId))
            body["context"] = new JsonObject { ["message_id"] = send.ReplyToExternalId };
        // WhatsApp has no echo metadata; biz_opaque_callback_data comes back on status webhooks instead.
        body["biz_opaque_callback_data"] = send.IdempotencyKey;
        return (body, null);
    }

    /// <summary>
    /// One product → <c>{"type":"product","body","action":{"catalog_id","product_retailer_id"}}</c> (no header allowed);
    /// several → <c>{"type":"product_list","header","body","action":{"catalog_id","sections":[{"title","product_items"}]}}</c>,
    /// at most 30 products (COMMERCE.md). The body is required on both.
    /// </summary>
    private static JsonObject? ProductMessage(ProductShowcase showcase, string? text)
    {
        if (string.IsNullOrEmpty(showcase.CatalogId) || showcase.Items.Count == 0) return null;
        var body = new JsonObject { ["text"] = Clip(string.IsNullOrWhiteSpace(text) ? showcase.Header : text, 1024) };
        if (showcase.Items.Count == 1)
        {
            return new JsonObject
            {
                ["type"] = "product", ["body"] = body,
                ["action"] = new JsonObject { ["catalog_id"] = showcase.CatalogId, ["product_retailer_id"] = showcase.Items[0].RetailerId },
            };
        }
        var items = new JsonArray([.. showcase.Items.Take(ProductShowcase.MaxWhatsAppItems)
            .Select(i => (JsonNode)new JsonObject { ["product_retailer_id"] = i.RetailerId })]);
        return new JsonObject
        {
            ["type"] = "product_list",
            ["header"] = new JsonObject { ["type"] = "text", ["text"] = Clip(showcase.Header, 60) },
            ["body"] = body,
            ["action"] = new JsonObject
            {
                ["catalog_id"] = showcase.CatalogId,
                ["sections"] = new JsonArray(new JsonObject { ["title"] = Clip(showcase.SectionTitle, 24), ["product_items"] = items }),
            },
        };
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Success body <c>{"messaging_product","contacts":[...],"messages":[{"id":"wamid..."}]}</c>.</summary>
    public static string? ReadMessageId(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("messages", out var messages)
        && messages.ValueKind == JsonValueKind.Array
        && messages.GetArrayLength() > 0
        && messages[0].TryGetProperty("id", out var id)
        && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
