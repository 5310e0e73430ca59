namespace AiSales.Core.Inbound.Recording;

/// <summary>
/// One row per customer per receiving account (PSID / IGSID / wa_id are scoped to it). Names only fill
/// in, never blank out: most events carry no name, and a later event without one must not erase it.
/// </summary>
public static class ContactUpserter
{
    /// <summary>$1 merchant, $2 account, $3 customer id, $4 name, $5 username, $6 phone, $7 customer message time; returns id.</summary>
    internal const string Sql = """
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
        return await scope.ScalarAsync<Guid>(Sql, ct, Parameters(scope, customerExternalId, displayName, username, customerMessageAt));
    }

    /// <summary><see cref="Sql"/>'s parameters, $1 to $7.</summary>
    internal static object?[] Parameters(EventScope scope, string customerExternalId, string? displayName, string? username,
        DateTimeOffset? customerMessageAt) =>
        // WhatsApp ids are phone numbers; keep them as the contact's phone for the dashboard.
        [scope.Route.MerchantId, scope.Route.ChannelAccountId, customerExternalId, Blank(displayName), Blank(username),
            scope.Route.Platform == "whatsapp" ? customerExternalId : null, customerMessageAt];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
