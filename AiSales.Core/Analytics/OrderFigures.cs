using Npgsql;

namespace AiSales.Core.Analytics;

/// <summary>Orders placed in a range (cancelled ones apart) and what they are worth, in whole dinars.</summary>
public sealed record SalesFigures(int Orders, long RevenueIqd, int Cancelled, IReadOnlyList<GovernorateSales> ByGovernorate);

/// <summary>One governorate's share (key as in orders.governorate; null = not given).</summary>
public sealed record GovernorateSales(string? Governorate, int Orders, long RevenueIqd);

/// <summary>How often customers asked about one product in the range (customer messages that named it).</summary>
public sealed record ProductInterest(Guid ProductId, string NameAr, string? NameEn, int Asks);

/// <summary>
/// The sales numbers behind the Analytics page, the staff assistant's answers on WhatsApp and the Merchant API, from
/// one query each so they always agree. An order counts on the day it was placed (the merchant's time zone); cancelled
/// orders are counted apart and never in revenue. Definitions: docs/analytics.md.
/// </summary>
public sealed class OrderFigures(NpgsqlDataSource dataSource)
{
    /// <param name="governorate">Only orders to this governorate key (Basra, Baghdad …); null for all.</param>
    public async Task<SalesFigures> SalesAsync(Guid merchantId, AnalyticsRange range, string? governorate = null, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT o.governorate,
                   count(*) FILTER (WHERE o.status <> 'cancelled')::int,
                   coalesce(sum(o.total_iqd) FILTER (WHERE o.status <> 'cancelled'), 0)::bigint,
                   count(*) FILTER (WHERE o.status = 'cancelled')::int
            FROM orders o JOIN merchants mc ON mc.id = o.merchant_id
            WHERE o.merchant_id = $1
              AND o.created_at >= ($2::date::timestamp AT TIME ZONE mc.time_zone)
              AND o.created_at < (($3::date + 1)::timestamp AT TIME ZONE mc.time_zone)
              AND ($4::text IS NULL OR o.governorate = $4)
            GROUP BY o.governorate
            """);
        cmd.Parameters.Add(new() { Value = merchantId });
        cmd.Parameters.Add(new() { Value = range.From });
        cmd.Parameters.Add(new() { Value = range.To });
        cmd.Parameters.Add(new() { Value = (object?)governorate ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<(GovernorateSales Sales, int Cancelled)>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add((new GovernorateSales(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)), reader.GetInt32(3)));
        return new SalesFigures(rows.Sum(r => r.Sales.Orders), rows.Sum(r => r.Sales.RevenueIqd), rows.Sum(r => r.Cancelled),
            [.. rows.Select(r => r.Sales).Where(s => s.Orders > 0).OrderByDescending(s => s.RevenueIqd).ThenBy(s => s.Governorate)]);
    }

    /// <summary>
    /// Products customers asked about most in the range: the assistant's replies about each product (one per customer
    /// turn it answered; messages.product_id), whatever the reply said.
    /// </summary>
    public async Task<IReadOnlyList<ProductInterest>> MostAskedAsync(Guid merchantId, AnalyticsRange range, int top = 5, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT p.id, p.name_ar, p.name_en, count(*)::int AS asks
            FROM messages m
            JOIN merchants mc ON mc.id = m.merchant_id
            JOIN products p ON p.merchant_id = m.merchant_id AND p.id = m.product_id
            WHERE m.merchant_id = $1 AND m.direction = 'outbound' AND m.author = 'ai' AND m.product_id IS NOT NULL
              AND {MerchantAnalytics.MessageTime} >= ($2::date::timestamp AT TIME ZONE mc.time_zone)
              AND {MerchantAnalytics.MessageTime} < (($3::date + 1)::timestamp AT TIME ZONE mc.time_zone)
            GROUP BY p.id, p.name_ar, p.name_en
            ORDER BY asks DESC, p.name_ar
            LIMIT $4
            """);
        cmd.Parameters.Add(new() { Value = merchantId });
        cmd.Parameters.Add(new() { Value = range.From });
        cmd.Parameters.Add(new() { Value = range.To });
        cmd.Parameters.Add(new() { Value = top });
        var list = new List<ProductInterest>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new ProductInterest(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3)));
        return list;
    }
}
