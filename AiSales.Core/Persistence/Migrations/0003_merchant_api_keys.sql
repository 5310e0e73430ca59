-- Per-merchant API keys for the Merchant API (/api/v1). Only a SHA-256 of the secret is stored: the plaintext is
-- shown once at creation. The 8-character prefix is public (shown in lists, used in audit actors) and finds the row.
CREATE TABLE merchant_api_keys (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    merchant_id  uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     bytea       NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz NULL,
    revoked_at   timestamptz NULL,
    CONSTRAINT uq_merchant_api_keys_prefix UNIQUE (prefix),
    CONSTRAINT ck_merchant_api_keys_prefix CHECK (prefix ~ '^[a-z0-9]{8}$'),
    CONSTRAINT ck_merchant_api_keys_key_hash CHECK (octet_length(key_hash) = 32)
);
CREATE INDEX ix_merchant_api_keys_merchant ON merchant_api_keys (merchant_id, created_at DESC);

-- Analytics read a merchant's messages by their platform time (external_timestamp, or created_at for
-- messages not yet sent): one range scan per merchant instead of a walk through every conversation.
CREATE INDEX ix_messages_merchant_time ON messages (merchant_id, (COALESCE(external_timestamp, created_at)));
-- First-response time looks up the message before and the reply after a customer message in its conversation.
CREATE INDEX ix_messages_conversation_time ON messages (conversation_id, (COALESCE(external_timestamp, created_at)));
-- Funnel and source reports take the contacts a merchant gained in a date range.
CREATE INDEX ix_contacts_merchant_created ON contacts (merchant_id, created_at);
