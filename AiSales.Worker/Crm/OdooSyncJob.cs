using System.Security.Cryptography;
using AiSales.Core.Crm.Odoo;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Crm;

/// <summary>
/// Pushes one odoo_sync row to the merchant's Odoo: a lead (res.partner + crm.lead) or an order (sale.order, confirmed
/// or cancelled). Safe to run twice, concurrently or after a crash: a lease on the row lets one run at a time, and
/// <see cref="OdooCrmPush"/> finds a record it created before creating one (our reference on every record). The row's
/// version tells whether something changed while we pushed (then it stays pending and goes again). A failure is
/// recorded on the row (attempts, last_error, next try with backoff) and, after <see cref="OdooOptions.MaxAttempts"/>,
/// the row is failed: the Integrations page lists it and retries it on request.
/// </summary>
public sealed class OdooSyncJob(NpgsqlDataSource dataSource, OdooConnectionStore connections, OdooRpcClient rpc,
    IOptions<OdooOptions> options, ILogger<OdooSyncJob> logger)
{
    private const string ClaimSql = """
        UPDATE odoo_sync SET locked_until = now() + $2
        WHERE id = $1 AND state = 'pending' AND (locked_until IS NULL OR locked_until < now())
        RETURNING merchant_id, kind, entity_id, odoo_id, odoo_partner_id, version
        """;

    private const string SyncedSql = """
        UPDATE odoo_sync SET odoo_id = coalesce($2, odoo_id), odoo_partner_id = coalesce($3, odoo_partner_id), synced_version = $4,
            state = CASE WHEN version > $4 THEN 'pending' ELSE 'synced' END, attempts = 0, last_error = NULL, synced_at = now(),
            next_attempt_at = now(), queued_at = NULL, locked_until = NULL, updated_at = now()
        WHERE id = $1
        """;

    private const string FailedSql = """
        UPDATE odoo_sync SET odoo_id = coalesce($2, odoo_id), odoo_partner_id = coalesce($3, odoo_partner_id), attempts = attempts + 1,
            last_error = $4, state = CASE WHEN attempts + 1 >= $5 THEN 'failed' ELSE 'pending' END,
            next_attempt_at = now() + make_interval(secs => least(3600, $6 * power(4, attempts))),
            queued_at = NULL, locked_until = NULL, updated_at = now()
        WHERE id = $1
        RETURNING state, attempts
        """;

    private const string LeadSql = """
        SELECT id, display_name, username, phone, stage, label, score, first_touch->>'source' FROM contacts WHERE id = $1 AND merchant_id = $2
        """;

    private const string OrderSql = """
        SELECT id, number, contact_id, status, customer_name, phone, governorate, city, address, delivery_fee_iqd, total_iqd
        FROM orders WHERE id = $1 AND merchant_id = $2
        """;

    private const string ItemsSql = """
        SELECT product_name, sku, product_id, quantity, size, colour, unit_price_iqd FROM order_items WHERE order_id = $1 ORDER BY id
        """;

    public async Task RunAsync(long syncId, CancellationToken ct)
    {
        var o = options.Value;
        Claimed? row;
        await using (var claim = dataSource.CreateCommand(ClaimSql))
        {
            claim.Parameters.Add(new() { Value = syncId });
            claim.Parameters.Add(new() { Value = o.RequeueAfter });
            await using var r = await claim.ExecuteReaderAsync(ct);
            row = await r.ReadAsync(ct)
                ? new Claimed(syncId, r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.IsDBNull(3) ? null : r.GetInt64(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.GetInt64(5))
                : null;
        }
        if (row is null)
        {
            logger.LogInformation("Odoo sync {SyncId}: not pending or another job holds it", syncId);
            return;
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SyncId"] = syncId, ["MerchantId"] = row.MerchantId });
        long? odooId = row.OdooId, partnerId = row.PartnerId;
        try
        {
            var settings = await connections.LoadAsync(row.MerchantId, ct)
                ?? throw new OdooException(OdooProblem.NotConnected, "Odoo is not connected for this shop.");
            var session = new OdooSession(rpc, settings.Endpoint, await rpc.AuthenticateAsync(settings.Endpoint, ct));
            if (row.Kind == "lead")
            {
                if (await LoadLeadAsync(row.EntityId, row.MerchantId, ct) is { } lead)
                {
                    partnerId = await OdooCrmPush.EnsurePartnerAsync(session, lead, partnerId, ct);
                    odooId = await OdooCrmPush.PushLeadAsync(session, lead, partnerId.Value, settings.StageMap, odooId, ct);
                }
            }
            else if (await LoadOrderAsync(row.EntityId, row.MerchantId, ct) is { } order)
            {
                var leadPartner = await ScalarAsync<long?>("SELECT odoo_partner_id FROM odoo_sync WHERE kind = 'lead' AND entity_id = $1", ct, order.ContactId);
                var contact = await LoadLeadAsync(order.ContactId, row.MerchantId, ct)
                    ?? throw new OdooException(OdooProblem.ServerError, "The order's customer no longer exists.");
                partnerId = await OdooCrmPush.EnsurePartnerAsync(session, contact, partnerId ?? leadPartner, ct);
                await ExecAsync("UPDATE odoo_sync SET odoo_partner_id = $2 WHERE kind = 'lead' AND entity_id = $1 AND odoo_partner_id IS NULL", ct, order.ContactId, partnerId.Value);
                odooId = await OdooCrmPush.PushOrderAsync(session, order, partnerId.Value, odooId, ct);
            }
            await ExecAsync(SyncedSql, ct, syncId, odooId, partnerId, row.Version);
            logger.LogInformation("Odoo sync {SyncId}: {Kind} {EntityId} is Odoo record {OdooId}", syncId, row.Kind, row.EntityId, odooId);
        }
        catch (Exception e) when (e is OdooException or CryptographicException)
        {
            var error = e is OdooException oe ? OdooFailureRecord.Format(oe)
                : OdooFailureRecord.Format(OdooProblem.KeyUnreadable, "The stored Odoo key cannot be decrypted; enter it again.");
            await using var cmd = dataSource.CreateCommand(FailedSql);
            foreach (var value in new object?[] { syncId, odooId, partnerId, error, o.MaxAttempts, o.FirstRetryDelay.TotalSeconds })
                cmd.Parameters.Add(new() { Value = value ?? DBNull.Value });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            logger.LogWarning("Odoo sync {SyncId}: {Kind} {EntityId} failed (attempt {Attempts}, now {State}): {Error}",
                syncId, row.Kind, row.EntityId, r.GetInt32(1), r.GetString(0), error);
        }
        catch
        {
            // Our own database failed: free the lease so the redelivered job can run at once.
            await ExecAsync("UPDATE odoo_sync SET locked_until = NULL WHERE id = $1", CancellationToken.None, syncId);
            throw;
        }
    }

    private async Task<LeadSnapshot?> LoadLeadAsync(Guid contactId, Guid merchantId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(LeadSql);
        cmd.Parameters.Add(new() { Value = contactId });
        cmd.Parameters.Add(new() { Value = merchantId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new LeadSnapshot(r.GetGuid(0), Text(1), Text(2), Text(3), r.GetString(4), r.GetString(5), r.GetInt32(6), Text(7));
    }

    private async Task<OrderSnapshot?> LoadOrderAsync(Guid orderId, Guid merchantId, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        OrderSnapshot order;
        await using (var cmd = new NpgsqlCommand(OrderSql, conn))
        {
            cmd.Parameters.Add(new() { Value = orderId });
            cmd.Parameters.Add(new() { Value = merchantId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            order = new OrderSnapshot(r.GetGuid(0), r.GetInt64(1), r.GetGuid(2), r.GetString(3), Text(4), Text(5), Text(6), Text(7), Text(8),
                r.GetInt64(9), r.GetInt64(10), []);
        }
        var lines = new List<OrderLineSnapshot>();
        await using (var cmd = new NpgsqlCommand(ItemsSql, conn))
        {
            cmd.Parameters.Add(new() { Value = orderId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                lines.Add(new OrderLineSnapshot(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetGuid(2),
                    r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt64(6)));
        }
        return order with { Lines = lines };
    }

    private async Task ExecAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a ?? DBNull.Value });
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)value;
    }

    private sealed record Claimed(long Id, Guid MerchantId, string Kind, Guid EntityId, long? OdooId, long? PartnerId, long Version);
}
