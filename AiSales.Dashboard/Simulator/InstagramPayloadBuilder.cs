using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiSales.Dashboard.Simulator;

/// <summary>
/// Builds the exact JSON Instagram would POST for a customer action (object "instagram", entry[].messaging[] for
/// DMs, entry[].changes[] for comments), millisecond timestamps, a fresh mid each time so ingest never treats two
/// simulated messages as one redelivery.
/// </summary>
public static class InstagramPayloadBuilder
{
    public static (string MessageId, byte[] Body) Build(SimulatedMessage message, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message.ChannelExternalId);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.CustomerId);
        var ms = now.ToUnixTimeMilliseconds();
        var id = NewMessageId(message.ChannelExternalId);

        JsonObject entry = message.Kind == SimulatedKind.Comment
            ? new JsonObject
            {
                ["id"] = message.ChannelExternalId,
                ["time"] = ms,
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["field"] = "comments",
                    ["value"] = new JsonObject
                    {
                        ["from"] = new JsonObject { ["id"] = message.CustomerId, ["username"] = message.Username ?? message.CustomerId },
                        ["id"] = id,
                        ["text"] = message.Text ?? "",
                        ["media"] = new JsonObject
                        {
                            ["id"] = message.TargetId ?? "sim-post",
                            ["media_product_type"] = "FEED",
                        },
                    },
                }),
            }
            : new JsonObject
            {
                ["id"] = message.ChannelExternalId,
                ["time"] = ms,
                ["messaging"] = new JsonArray(new JsonObject
                {
                    ["sender"] = new JsonObject { ["id"] = message.CustomerId },
                    ["recipient"] = new JsonObject { ["id"] = message.ChannelExternalId },
                    ["timestamp"] = ms,
                    ["message"] = DirectMessage(message, id),
                }),
            };

        var payload = new JsonObject { ["object"] = "instagram", ["entry"] = new JsonArray(entry) };
        return (id, JsonSerializer.SerializeToUtf8Bytes(payload));
    }

    private static JsonObject DirectMessage(SimulatedMessage message, string mid)
    {
        var body = new JsonObject { ["mid"] = mid };
        if (!string.IsNullOrEmpty(message.Text))
            body["text"] = message.Text;
        switch (message.Kind)
        {
            case SimulatedKind.Attachment:
                body["attachments"] = new JsonArray(new JsonObject
                {
                    ["type"] = message.AttachmentType,
                    ["payload"] = new JsonObject { ["url"] = message.Url ?? "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=sim" },
                });
                break;
            case SimulatedKind.StoryReply:
                body["reply_to"] = new JsonObject
                {
                    ["story"] = new JsonObject
                    {
                        ["url"] = message.Url ?? "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=sim-story",
                        ["id"] = message.TargetId ?? "sim-story",
                    },
                };
                break;
            case SimulatedKind.Text when string.IsNullOrEmpty(message.Text):
                throw new ArgumentException("A text message needs text.", nameof(message));
        }
        return body;
    }

    /// <summary>Shaped like Instagram's base64 mids ("aWdf..." = "ig_..."), unique per call.</summary>
    private static string NewMessageId(string account)
    {
        var raw = $"ig_sim:{account}:{Guid.CreateVersion7():N}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
