using AiSales.Core.Inbound.Events;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound.Recording;

/// <summary>
/// The fork at the start of the customer path: a WhatsApp message from a verified team member's number (staff_phones,
/// linked through this shop number) is the team talking to the staff assistant. It is stored as a staff message and
/// handed to <see cref="HandleStaffMessage"/> in the event's transaction, and nothing of the customer path runs: no
/// contact, no conversation, no lead signal, no reply, no analytics. Any other number stays a customer.
/// </summary>
public static class StaffMessageRecorder
{
    private const string FindSql = """
        SELECT id FROM staff_phones WHERE channel_account_id = $1 AND phone = $2 AND verified_at IS NOT NULL
        """;

    /// <returns>True when the sender is a team member and the message was taken.</returns>
    public static async Task<bool> TryTakeAsync(EventScope scope, string senderId, MessageShape shape, CancellationToken ct)
    {
        // Only WhatsApp numbers are linked; the lookup costs one indexed read per WhatsApp message and nothing elsewhere.
        if (scope.Route.Platform != "whatsapp") return false;
        var staffPhoneId = await scope.ScalarAsync<Guid?>(FindSql, ct, scope.Route.ChannelAccountId, senderId);
        if (staffPhoneId is null) return false;

        var id = Guid.CreateVersion7();
        scope.Defer("""
            INSERT INTO staff_messages (id, merchant_id, staff_phone_id, direction, text, status, external_id)
            VALUES ($1, $2, $3, 'inbound', $4, 'received', $5)
            """, id, scope.Route.MerchantId, staffPhoneId.Value, TextOf(shape), shape.ExternalId);
        scope.Outbox.Add(new HandleStaffMessage(id));
        return true;
    }

    /// <summary>
    /// WhatsApp accepts a send and reports its failure later in a status webhook (131047: more than 24 hours since the
    /// member last wrote): the staff message it was becomes failed with the reason, so the Team page can say so.
    /// </summary>
    public static Task<int> FailedLateAsync(EventScope scope, string externalId, InboundError? error, CancellationToken ct) =>
        scope.Route.Platform != "whatsapp" ? Task.FromResult(0) : scope.ExecuteAsync("""
            UPDATE staff_messages SET status = 'failed', error = $3, updated_at = now()
            WHERE merchant_id = $1 AND external_id = $2 AND direction = 'outbound' AND status <> 'failed'
            """, ct, scope.Route.MerchantId, externalId,
            error is null ? "failed (provider)" : $"{error.Code}: {error.Title ?? error.Message}");

    /// <summary>The staff assistant reads text; anything else is kept as what it was, so it can say it reads text only.</summary>
    private static string TextOf(MessageShape shape) =>
        !string.IsNullOrWhiteSpace(shape.Text) ? shape.Text.Trim() : $"[{EnumText<MessageKind>.ToText(shape.Kind)}]";
}
