using Npgsql;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// Orders written straight to the database the way the Worker writes them when a customer confirms in the chat (status
/// confirmed, source chat, lines copied from the catalog; the Worker has already taken the stock). Each call makes its own
/// customer (contact + conversation) unless given one, so a test can look at just its orders with /orders?contact=.
/// </summary>
public static class SampleOrders
{
    public sealed record Line(Guid? ProductId, string Name, int Quantity, long UnitPrice, string? Size = null, string? Colour = null);

    public sealed record Seeded(Guid OrderId, Guid ContactId, Guid? ConversationId);

    /// <summary>A new customer of the merchant (on its first channel account) with an open conversation.</summary>
    public static async Task<(Guid ContactId, Guid ConversationId)> CustomerAsync(string connectionString, Guid merchantId, string name)
    {
        var (contact, conversation) = (Guid.NewGuid(), Guid.NewGuid());
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = @m ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (id, merchant_id, channel_account_id, external_id, display_name, stage)
                  SELECT @k, @m, ch.id, 'igsid-order-' || @k::text, @name, 'ordering' FROM ch RETURNING id, channel_account_id)
            INSERT INTO conversations (id, merchant_id, channel_account_id, contact_id, last_message_at, last_customer_message_at)
            SELECT @c, @m, channel_account_id, id, now(), now() FROM k
            """, conn);
        cmd.Parameters.AddWithValue("m", merchantId);
        cmd.Parameters.AddWithValue("k", contact);
        cmd.Parameters.AddWithValue("c", conversation);
        cmd.Parameters.AddWithValue("name", name);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        return (contact, conversation);
    }

    public static async Task<Seeded> OrderAsync(string connectionString, Guid merchantId, string status, Line[] lines,
        (Guid ContactId, Guid? ConversationId)? customer = null, string customerName = "زينب علي", TimeSpan? ago = null,
        string governorate = "Basra", string city = "الزبير", string address = "حي الحسين، شارع 14، دار 7", string phone = "07701234567", long deliveryFee = 5000)
    {
        var (contactId, conversationId) = customer ?? await CustomerAsync(connectionString, merchantId, customerName);
        var orderId = Guid.NewGuid();
        var itemsTotal = lines.Sum(l => l.UnitPrice * l.Quantity);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO orders (id, merchant_id, contact_id, conversation_id, status, customer_name, governorate, city, address, phone,
                                items_total_iqd, delivery_fee_iqd, total_iqd, source, created_at, updated_at)
            VALUES (@id, @m, @k, @c, @status, @name, @gov, @city, @address, @phone, @items, @fee, @items + @fee, 'chat', now() - @ago, now() - @ago)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", orderId);
            cmd.Parameters.AddWithValue("m", merchantId);
            cmd.Parameters.AddWithValue("k", contactId);
            cmd.Parameters.AddWithValue("c", (object?)conversationId ?? DBNull.Value);
            cmd.Parameters.AddWithValue("status", status);
            cmd.Parameters.AddWithValue("name", customerName);
            cmd.Parameters.AddWithValue("gov", governorate);
            cmd.Parameters.AddWithValue("city", city);
            cmd.Parameters.AddWithValue("address", address);
            cmd.Parameters.AddWithValue("phone", phone);
            cmd.Parameters.AddWithValue("items", itemsTotal);
            cmd.Parameters.AddWithValue("fee", deliveryFee);
            cmd.Parameters.AddWithValue("ago", ago ?? TimeSpan.Zero);
            await cmd.ExecuteNonQueryAsync();
        }
        foreach (var l in lines)
        {
            await using var item = new NpgsqlCommand("""
                INSERT INTO order_items (order_id, merchant_id, product_id, product_name, sku, quantity, size, colour, unit_price_iqd)
                VALUES (@o, @m, @p, @name, (SELECT sku FROM products WHERE id = @p), @q, @size, @colour, @price)
                """, conn, tx);
            item.Parameters.AddWithValue("o", orderId);
            item.Parameters.AddWithValue("m", merchantId);
            item.Parameters.Add(new NpgsqlParameter("p", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)l.ProductId ?? DBNull.Value });
            item.Parameters.AddWithValue("name", l.Name);
            item.Parameters.AddWithValue("q", l.Quantity);
            item.Parameters.AddWithValue("size", (object?)l.Size ?? DBNull.Value);
            item.Parameters.AddWithValue("colour", (object?)l.Colour ?? DBNull.Value);
            item.Parameters.AddWithValue("price", l.UnitPrice);
            await item.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return new(orderId, contactId, conversationId);
    }
}
