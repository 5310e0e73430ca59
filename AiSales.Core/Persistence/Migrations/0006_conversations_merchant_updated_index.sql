-- The inbox's change marker (InboxQueries.LastChangeAsync, polled every 2 s by every open inbox tab) is the newest
-- conversations.updated_at of the merchant. Without an index on it, Postgres fetched every conversation of the merchant
-- to find the max: ~130 ms at 100,000 conversations (1M rows, measured), per tab, every 2 s. With it the max is one
-- index probe (0.07 ms, row-level security included). The price is one more index entry per conversation update; most
-- of those updates (a message's activity, a reply) already change the indexed last_message_at, so they were not HOT anyway.
CREATE INDEX IF NOT EXISTS ix_conversations_merchant_updated ON conversations (merchant_id, updated_at DESC);
