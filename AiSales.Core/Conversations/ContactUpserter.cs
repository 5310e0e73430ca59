namespace AiSales.Core.Conversations;

/// <summary>
/// One row per customer per receiving account (PSID / IGSID / wa_id are scoped to it). Names only fill
/// in, never blank out: most events carry no name, and a later event without one must not erase it.
/// </summary>
public static class ContactUpserter
{
    private const string Sql = """
        INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, username, phone, last_customer_message_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (channel_account_id, external_id) DO UPDATE SET
            display_name = COALESCE(excluded.display_name, contacts.display_name),
            username = COALESCE(excluded.username, contacts.username),
            phone = COALESCE(contacts.phone, excluded.phone),
            last_customer_message_at = GREATEST(contacts.last_customer_message_at, excluded.last_customer_message_at),
            updated_at = now()
        RETURNING id
        """;

    /// <param name="customerMessageAt">Set for a customer's own message; late older messages never move it back.</param>
    public static async Task<Guid> UpsertAsync(EventScope scope, string customerExternalId, string? displayName, string? username,
        DateTimeOffset? customerMessageAt, CancellationToken ct)
    {
        // WhatsApp ids are phone numbers; keep them as the contact's phone for the dashboard.
        var phone = scope.Route.Platform == "whatsapp" ? customerExternalId : null;
        return await scope.ScalarAsync<Guid>(Sql, ct, scope.Route.MerchantId, scope.Route.ChannelAccountId, customerExternalId,
            Blank(displayName), Blank(username), phone, customerMessageAt);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
