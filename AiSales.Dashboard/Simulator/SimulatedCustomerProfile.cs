using Npgsql;

namespace AiSales.Dashboard.Simulator;

/// <summary>
/// Gives a simulated customer the name a real one would have. Instagram webhooks carry no name (only the IGSID), and
/// the pipeline has no profile lookup, so a real Instagram DM contact's display_name stays empty unless something
/// fills it in. The simulator plays that "something" for its own customers: before posting the webhook it records
/// the name on the contact row the pipeline will upsert (same merchant, sandbox account, external id). The pipeline's
/// upsert only ever fills names in, never blanks them out, so the name survives every later message.
/// Only sandbox accounts are touched: a real channel's contacts never get simulator names.
/// </summary>
public sealed class SimulatedCustomerProfile(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name)
        SELECT a.merchant_id, a.id, $3, $4 FROM channel_accounts a
        WHERE a.merchant_id = $1 AND a.external_id = $2 AND a.provider = 'sandbox'
        ON CONFLICT (channel_account_id, external_id) DO UPDATE SET
            display_name = COALESCE(contacts.display_name, excluded.display_name)
        """;

    /// <summary>Returns false when the merchant has no sandbox account with that id (nothing written).</summary>
    public async Task<bool> SaveNameAsync(Guid merchantId, string channelExternalId, string customerId, string displayName, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(Sql);
        cmd.CommandTimeout = 10;
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = merchantId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channelExternalId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customerId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = displayName });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }
}
