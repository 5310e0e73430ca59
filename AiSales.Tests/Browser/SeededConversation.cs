namespace AiSales.Tests.Browser;

/// <summary>A contact + AI-owned conversation + one fresh inbound message, written straight to the app's database.</summary>
public sealed record SeededConversation(Guid ContactId, Guid ConversationId, string ContactName)
{
    /// <summary>For a merchant's first channel account; the customer spoke a minute ago, so the 24 h reply window is open.</summary>
    public static async Task<SeededConversation> CreateAsync(BrowserAppFixture app, Guid merchantId, string contactName, string text, string stage = "new")
    {
        var contactId = Guid.NewGuid();
        var conversationId = Guid.NewGuid();
        await app.ExecuteAsync("""
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = @m ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (id, merchant_id, channel_account_id, external_id, display_name, stage, label, score, last_customer_message_at)
                  SELECT @k, @m, ch.id, 'igsid-' || @k::text, @name, @stage, 'warm', 40, now() - interval '1 minute' FROM ch RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (id, merchant_id, channel_account_id, contact_id, owner, last_message_at, last_customer_message_at, unread_count)
                  SELECT @c, @m, channel_account_id, id, 'ai', now() - interval '1 minute', now() - interval '1 minute', 1 FROM k RETURNING id, channel_account_id)
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status)
            SELECT @m, c.id, c.channel_account_id, 'inbound', 'customer', 'text', @text, 'mid-' || @c::text, now() - interval '1 minute', 'received' FROM c
            """, ("m", merchantId), ("k", contactId), ("c", conversationId), ("name", contactName), ("stage", stage), ("text", text));
        return new(contactId, conversationId, contactName);
    }
}
