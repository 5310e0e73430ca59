namespace AiSales.Tests.Dashboard;

/// <summary>
/// Sample inbox for one merchant (":merchant" is replaced by its id): two contacts, two conversations and a message of
/// most kinds (ad referral, reaction, image, edited story reply, deleted, comment, quick reply, audio, unsupported,
/// failed and queued outbound). Also handy by hand: psql with the id substituted.
/// </summary>
internal static class SampleConversations
{
    public static string For(Guid merchantId) => Sql.Replace(":merchant", merchantId.ToString());

    private const string Sql = """
-- Sample inbox for a merchant: :merchant is replaced by the merchant id. Needs one channel account of the merchant.
WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = ':merchant' ORDER BY created_at LIMIT 1),
k1 AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, username, stage, label, score, first_touch, last_touch, last_customer_message_at)
       SELECT ':merchant', ch.id, 'igsid-' || substr(md5(random()::text), 1, 10), 'زينب علي', 'zainab.ali', 'interested', 'hot', 78,
              '{"source":"ad","ad_id":"120210000001","at":"2026-11-20T09:00:00Z"}', '{"source":"story","story_id":"1789001","at":"2026-11-21T18:00:00Z"}', now() - interval '10 minutes'
       FROM ch RETURNING id, channel_account_id),
k2 AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, stage, label, score, first_touch, last_customer_message_at)
       SELECT ':merchant', ch.id, 'igsid-' || substr(md5(random()::text), 1, 10), 'Ahmed Kareem', 'new', 'cold', 10,
              '{"source":"comment","post_id":"1790002","comment_id":"1790002_55","at":"2026-11-21T10:00:00Z"}', now() - interval '3 days'
       FROM ch RETURNING id, channel_account_id),
c1 AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, owner, needs_attention, attention_reason, last_message_at, last_customer_message_at, unread_count, labels, notes)
       SELECT ':merchant', channel_account_id, id, 'ai', true, 'asked for a human', now() - interval '2 minutes', now() - interval '10 minutes', 2, '{vip}', 'تفضل التوصيل مساءً'
       FROM k1 RETURNING id, channel_account_id, contact_id),
c2 AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, owner, last_message_at, last_customer_message_at)
       SELECT ':merchant', channel_account_id, id, 'human', now() - interval '3 days', now() - interval '3 days' FROM k2 RETURNING id, channel_account_id),
m AS (INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, attachments, external_id, story_id, comment_id, media_id, referral, external_timestamp, status, status_detail, edited_at, deleted_at, reactions)
      SELECT ':merchant', c1.id, c1.channel_account_id, v.direction, v.author, v.kind, v.text, v.attachments::jsonb, 'mid-' || substr(md5(random()::text), 1, 12),
             v.story_id, v.comment_id, v.media_id, v.referral::jsonb, now() - (v.ago || ' minutes')::interval, v.status, v.detail,
             CASE WHEN v.edited THEN now() END, CASE WHEN v.deleted THEN now() END, v.reactions::jsonb
      FROM c1, (VALUES
        ('inbound', 'customer', 'text', 'مرحبا، شكد سعر العباية السودة؟', '[]', NULL, NULL, NULL, '{"source":"ADS","ad_id":"120210000001"}', 30, 'received', NULL, false, false, '[]'),
        ('outbound', 'ai', 'text', 'هلا بيج! العباية السوداء الكلاسيك سعرها 45,000 دينار، متوفرة بمقاسات S إلى XL.', '[]', NULL, NULL, NULL, NULL, 29, 'read', NULL, false, false, '[{"by":"customer","reaction":"❤️","at":"2026-11-22T00:00:00Z"}]'),
        ('inbound', 'customer', 'image', NULL, '[{"type":"image","url":"https://picsum.photos/id/20/300/200"}]', NULL, NULL, NULL, NULL, 25, 'received', NULL, false, false, '[]'),
        ('inbound', 'customer', 'story_reply', 'هذا موجود بالأسود؟', '[]', '1789001', NULL, NULL, NULL, 20, 'received', NULL, true, false, '[]'),
        ('inbound', 'customer', 'text', 'رسالة محذوفة', '[]', NULL, NULL, NULL, NULL, 18, 'received', NULL, false, true, '[]'),
        ('inbound', 'customer', 'comment', 'بكم؟', '[]', NULL, '1790002_99', '1790002', NULL, 15, 'received', NULL, false, false, '[]'),
        ('inbound', 'customer', 'quick_reply', 'أريد أطلب', '[]', NULL, NULL, NULL, NULL, 12, 'received', NULL, false, false, '[]'),
        ('inbound', 'customer', 'audio', NULL, '[{"type":"audio","url":"https://example.com/a.mp4","title":"voice note"}]', NULL, NULL, NULL, NULL, 11, 'received', NULL, false, false, '[]'),
        ('inbound', 'customer', 'unsupported', NULL, '[]', NULL, NULL, NULL, NULL, 10, 'received', NULL, false, false, '[]'),
        ('outbound', 'human', 'text', 'أكيد، أرسلي العنوان ورقم الهاتف', '[]', NULL, NULL, NULL, NULL, 5, 'failed', 'failed: (#10) outside allowed window', false, false, '[]'),
        ('outbound', 'ai', 'text', 'تم تسجيل طلبك ✅', '[]', NULL, NULL, NULL, NULL, 2, 'queued', 'queued: rate limit', false, false, '[]')
      ) AS v(direction, author, kind, text, attachments, story_id, comment_id, media_id, referral, ago, status, detail, edited, deleted, reactions)
      RETURNING id),
m2 AS (INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status)
       SELECT ':merchant', c2.id, c2.channel_account_id, 'inbound', 'customer', 'text', 'Hi, price of sneakers?', 'mid-' || substr(md5(random()::text), 1, 12), now() - interval '3 days', 'received' FROM c2 RETURNING id)
INSERT INTO lead_activities (merchant_id, contact_id, kind, from_value, to_value, score, reasons, actor)
SELECT ':merchant', k1.id, v.kind, v.f, v.t, v.s, v.r::jsonb, 'ai' FROM k1, (VALUES
    ('score_changed', NULL, NULL, 78, '["asked for price", "sent a photo", "wants to order"]'),
    ('stage_changed', 'engaged', 'interested', NULL, '[]'),
    ('attribution', NULL, 'ad', NULL, '["click-to-message ad 120210000001"]')) AS v(kind, f, t, s, r);
""";
}
