-- ix_messages_conversation_timestamp (conversation_id, external_timestamp) has no reader: the thread, the merchant
-- API and analytics order a conversation by COALESCE(external_timestamp, created_at) (ix_messages_conversation_time,
-- migration 0003) and the turn checks by created_at (ix_messages_conversation_created_at). Every message row version
-- (an inbound message, a reply and its two status updates) was still written into it.
DROP INDEX IF EXISTS ix_messages_conversation_timestamp;
