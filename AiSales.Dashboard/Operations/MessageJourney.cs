using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Localization;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Operations;

/// <summary>One step of a message's way through the system; <see cref="At"/> null when it has not happened (yet).</summary>
public sealed record JourneyStep(string Step, DateTimeOffset? At, string? Status, string? Detail);

public sealed record Journey(Guid MerchantId, Guid ConversationId, Guid CustomerMessageId, Guid? ReplyMessageId, IReadOnlyList<JourneyStep> Steps);

/// <summary>
/// received → stored → drafted → sent → delivered for one customer message and the reply that answered it (or one reply and
/// the customer message it answered), from webhook_deliveries, messages and outbound_sends. Platform-admin only: it reads
/// across merchants with the service's own role, so only the Operations page (policy PlatformAdmin) uses it.
/// </summary>
public sealed class MessageJourney(AiSalesDbContext db)
{
    public async Task<Journey?> FindAsync(string idOrExternalId, CancellationToken ct = default)
    {
        var key = idOrExternalId.Trim();
        if (key.Length == 0) return null;
        var message = Guid.TryParse(key, out var id)
            ? await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct)
            : await db.Messages.AsNoTracking().Where(m => m.ExternalId == key).OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync(ct);
        if (message is null) return null;

        Message? inbound, reply;
        if (message.Direction == MessageDirection.Inbound)
        {
            inbound = message;
            reply = await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == message.ConversationId && m.Direction == MessageDirection.Outbound && m.CreatedAt >= message.CreatedAt)
                .OrderBy(m => m.CreatedAt).FirstOrDefaultAsync(ct);
        }
        else
        {
            reply = message;
            inbound = await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == message.ConversationId && m.Direction == MessageDirection.Inbound && m.CreatedAt <= message.CreatedAt)
                .OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync(ct);
        }

        var steps = new List<JourneyStep>();
        if (inbound is not null)
        {
            var delivery = inbound.ExternalId is null ? null : await FindDeliveryAsync(inbound.ExternalId, inbound.CreatedAt, ct);
            steps.Add(new("received", delivery?.ReceivedAt, delivery?.Status.Txt(), delivery is null ? null : $"delivery #{delivery.Id}"));
            steps.Add(new("stored", inbound.CreatedAt, inbound.Status.Txt(), inbound.ExternalId));
        }
        if (reply is not null)
        {
            var send = await db.OutboundSends.AsNoTracking().FirstOrDefaultAsync(s => s.MessageId == reply.Id, ct);
            steps.Add(new("drafted", reply.CreatedAt, reply.Author.Txt(), reply.Text is { Length: > 80 } t ? t[..80] + "…" : reply.Text));
            steps.Add(new("sent", send?.SentAt, send?.State.Txt(), send is null ? null : $"attempts {send.Attempts}{(send.LastError is null ? "" : $", {send.LastError}")}"));
            var delivered = reply.Status is MessageStatus.Delivered or MessageStatus.Read;
            steps.Add(new("delivered", null, delivered ? reply.Status.Txt() : null, reply.StatusDetail ?? reply.ErrorMessage));
        }
        else
        {
            steps.Add(new("drafted", null, null, null));
        }
        return new(message.MerchantId, message.ConversationId, inbound?.Id ?? message.Id, reply?.Id, steps);
    }

    // A delivery holds the raw body, so the message's external id appears in it; search a bounded window around the message.
    // The first delivery is the earliest arrival (a redelivery can come later): by received_at, not id, since ingest
    // committers reserve ids in blocks and ids are not in arrival order.
    private Task<WebhookDelivery?> FindDeliveryAsync(string externalId, DateTimeOffset storedAt, CancellationToken ct) =>
        db.WebhookDeliveries.FromSqlInterpolated($"""
            SELECT * FROM webhook_deliveries
            WHERE received_at BETWEEN {storedAt.AddHours(-24)} AND {storedAt.AddMinutes(5)}
              AND position(convert_to({externalId}, 'UTF8') in body) > 0
            ORDER BY received_at, id LIMIT 1
            """).AsNoTracking().FirstOrDefaultAsync(ct);
}
