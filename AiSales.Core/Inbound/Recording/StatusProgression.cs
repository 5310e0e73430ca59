using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound.Recording;

/// <summary>
/// Delivery statuses only move forward: pending &lt; queued &lt; sending &lt; sent &lt; delivered &lt; read.
/// Failed is terminal, and is only believed before the message was delivered (a failure report about a
/// message the customer already has is stale). WhatsApp "played" (voice note listened to) counts as read.
/// Webhooks arrive out of order, so each update says which current statuses it may replace.
/// </summary>
public static class StatusProgression
{
    private static readonly MessageStatus[] Forward =
        [MessageStatus.Pending, MessageStatus.Queued, MessageStatus.Sending, MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Read];

    /// <summary>Maps a provider status string to ours; null for statuses we do not track (e.g. "deleted", "warning").</summary>
    public static MessageStatus? Parse(string? providerStatus) => providerStatus?.ToLowerInvariant() switch
    {
        "sent" => MessageStatus.Sent,
        "delivered" => MessageStatus.Delivered,
        "read" or "played" or "seen" => MessageStatus.Read,
        "failed" => MessageStatus.Failed,
        _ => null,
    };

    /// <summary>The statuses a message may have for <paramref name="next"/> to replace it.</summary>
    public static IReadOnlyList<MessageStatus> CanReplace(MessageStatus next)
    {
        if (next == MessageStatus.Failed) return [MessageStatus.Pending, MessageStatus.Queued, MessageStatus.Sending, MessageStatus.Sent];
        var rank = Array.IndexOf(Forward, next);
        return rank <= 0 ? [] : Forward[..rank];
    }

    public static bool CanMove(MessageStatus current, MessageStatus next) => CanReplace(next).Contains(current);

    public static string[] CanReplaceText(MessageStatus next) => [.. CanReplace(next).Select(EnumText<MessageStatus>.ToText)];
}
