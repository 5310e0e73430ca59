-- Closing the sale in the chat: what a conversation has established, the orders it ends in, and what the assistant
-- needs to know about a product to talk about it.

-- The conversation's sales state (product in focus, chosen variant, the order being collected: items, governorate,
-- address, phone, name), written by the reply in the transaction that queues it. One jsonb value: it is read and
-- written whole by the reply path, never queried by its parts.
ALTER TABLE conversations ADD COLUMN sales_state jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Arabic agrees with the noun: "سعرها" for a feminine product. NULL = guess from the name (a final ة is feminine).
ALTER TABLE products ADD COLUMN grammatical_gender text NULL;
ALTER TABLE products ADD CONSTRAINT ck_products_grammatical_gender CHECK (grammatical_gender = ANY ('{masculine,feminine}'::text[]));
-- Instagram/Facebook post, reel, story and ad ids that show this product: a comment, story reply or ad referral on
-- one of them puts the product in focus.
ALTER TABLE products ADD COLUMN media_ids text[] NOT NULL DEFAULT '{}';
CREATE INDEX ix_products_media_ids ON products USING gin (media_ids);

CREATE TABLE orders (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    merchant_id      uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    contact_id       uuid        NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    conversation_id  uuid        NULL REFERENCES conversations (id) ON DELETE SET NULL,
    status           text        NOT NULL DEFAULT 'pending',
    customer_name    text        NULL,
    -- Governorate key as in lead data (Baghdad, Basra, ...).
    governorate      text        NULL,
    city             text        NULL,
    address          text        NULL,
    phone            text        NULL,
    items_total_iqd  bigint      NOT NULL DEFAULT 0,
    delivery_fee_iqd bigint      NOT NULL DEFAULT 0,
    total_iqd        bigint      NOT NULL DEFAULT 0,
    -- Where the order came from: chat (the assistant), dashboard, api.
    source           text        NOT NULL DEFAULT 'chat',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_orders_status CHECK (status = ANY ('{pending,confirmed,shipped,delivered,cancelled}'::text[])),
    CONSTRAINT ck_orders_source CHECK (source = ANY ('{chat,dashboard,api}'::text[])),
    CONSTRAINT ck_orders_amounts CHECK (items_total_iqd >= 0 AND delivery_fee_iqd >= 0 AND total_iqd >= 0)
);
-- Orders page: a merchant's orders, newest first, optionally by status.
CREATE INDEX ix_orders_merchant_created ON orders (merchant_id, created_at DESC);
CREATE INDEX ix_orders_merchant_status_created ON orders (merchant_id, status, created_at DESC);
CREATE INDEX ix_orders_contact ON orders (contact_id, created_at DESC);

CREATE TABLE order_items (
    id             uuid    PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id       uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    -- Denormalised from the order so row-level security can check it without a join.
    merchant_id    uuid    NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    product_id     uuid    NULL REFERENCES products (id) ON DELETE SET NULL,
    -- The name and price when ordered: a product renamed, repriced or deleted later does not rewrite the order.
    product_name   text    NOT NULL,
    sku            text    NULL,
    quantity       integer NOT NULL,
    size           text    NULL,
    colour         text    NULL,
    unit_price_iqd bigint  NOT NULL,
    CONSTRAINT ck_order_items_quantity CHECK (quantity > 0),
    CONSTRAINT ck_order_items_unit_price CHECK (unit_price_iqd >= 0)
);
CREATE INDEX ix_order_items_order ON order_items (order_id);

GRANT SELECT, INSERT, UPDATE ON orders, order_items TO aisales_dashboard;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['orders', 'order_items']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY %I ON %I TO aisales_dashboard '
            'USING (merchant_id = nullif(current_setting(''app.merchant_id'', true), '''')::uuid) '
            'WITH CHECK (merchant_id = nullif(current_setting(''app.merchant_id'', true), '''')::uuid)',
            t || '_tenant', t);
    END LOOP;
END
$$;
