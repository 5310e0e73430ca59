using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using Npgsql;

namespace AiSales.Core.Replies;

/// <summary>The stock changed between reading the catalog and placing the order: the reply is drafted again.</summary>
public sealed class StockChangedException(Guid productId)
    : StaleStateException($"Product {productId} no longer has the stock the order needs; the reply will be drafted again.");

/// <summary>
/// The statements that save a turn of the sale with its reply: the conversation's state, the phone on the contact, and
/// a confirmed order (the order, its items, and the stock it reserves). Stock only ever goes down by what is there:
/// each reservation is `stock >= quantity`, and the caller checks <see cref="Reserved"/> before committing.
/// </summary>
public sealed class OrderWriter
{
    private readonly List<NpgsqlBatchCommand> _reservations = [];
    private readonly List<Guid> _reservedProducts = [];

    public Guid? OrderId { get; private set; }

    /// <param name="orderNumber">The number reserved for the order the reply places (<see cref="ReserveNumberAsync"/>).</param>
    public void Add(NpgsqlBatch batch, Guid merchantId, Guid conversationId, Guid contactId, ReplyDecision reply, long? orderNumber = null)
    {
        if (reply.State is not { } state) return;

        if (reply.Order is { } order)
        {
            OrderId = Guid.CreateVersion7();
            state.LastOrderId = OrderId;
            AddOrder(batch, merchantId, conversationId, contactId, OrderId.Value, order, orderNumber);
        }

        batch.BatchCommands.Add(PositionalSql.Command(
            "UPDATE conversations SET sales_state = $2::jsonb WHERE id = $1", conversationId, JsonbSerialization.Serialize(state)));
        if (state.Phone is { } phone)
        {
            batch.BatchCommands.Add(PositionalSql.Command(
                "UPDATE contacts SET phone = $2, updated_at = now() WHERE id = $1 AND phone IS DISTINCT FROM $2", contactId, phone));
        }
    }

    /// <summary>Throws <see cref="StockChangedException"/> when a reservation found less stock than the order needs.</summary>
    public void EnsureReserved()
    {
        for (var i = 0; i < _reservations.Count; i++)
        {
            if (_reservations[i].RecordsAffected != 1) throw new StockChangedException(_reservedProducts[i]);
        }
    }

    /// <summary>
    /// Takes the merchant's next order number in the reply's transaction (the merchant row stays locked until it commits,
    /// as the insert trigger would), so the confirmation can tell the customer "#1004" before the order row is written.
    /// </summary>
    public static async Task<long> ReserveNumberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid merchantId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "UPDATE merchants SET last_order_number = last_order_number + 1 WHERE id = $1 RETURNING last_order_number", connection, transaction);
        cmd.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private void AddOrder(NpgsqlBatch batch, Guid merchantId, Guid conversationId, Guid contactId, Guid orderId, PlacedOrder order, long? number)
    {
        batch.BatchCommands.Add(PositionalSql.Command("""
            INSERT INTO orders (id, merchant_id, contact_id, conversation_id, status, customer_name, governorate, city, address, phone,
                items_total_iqd, delivery_fee_iqd, total_iqd, source, number)
            VALUES ($1, $2, $3, $4, 'confirmed', $5::text, $6::text, $7::text, $8::text, $9::text, $10, $11, $12, 'chat', $13::bigint)
            """, orderId, merchantId, contactId, conversationId, order.CustomerName, order.Governorate, order.City, order.Address, order.Phone,
            order.ItemsTotalIqd, order.DeliveryFeeIqd, order.TotalIqd, number));
        foreach (var line in order.Lines)
        {
            batch.BatchCommands.Add(PositionalSql.Command("""
                INSERT INTO order_items (id, order_id, merchant_id, product_id, product_name, sku, quantity, size, colour, unit_price_iqd)
                VALUES ($10, $1, $2, $3, $4, $5::text, $6, $7::text, $8::text, $9)
                """, orderId, merchantId, line.ProductId, line.ProductName, line.Sku, line.Quantity, line.Size, line.Colour, line.UnitPriceIqd,
                Guid.CreateVersion7())); // time-ordered ids: the lines list in the order the customer gave them
        }

        foreach (var (productId, quantity) in order.Lines.GroupBy(l => l.ProductId).Select(g => (g.Key, g.Sum(l => l.Quantity))))
        {
            var reserve = PositionalSql.Command(
                "UPDATE products SET stock = stock - $2, updated_at = now() WHERE id = $1 AND merchant_id = $3 AND stock >= $2",
                productId, quantity, merchantId);
            batch.BatchCommands.Add(reserve);
            _reservations.Add(reserve);
            _reservedProducts.Add(productId);
        }
    }
}
