-- The shop's team on WhatsApp: staff phones linked to dashboard accounts, what they say to the staff assistant and what
-- it answers, short order numbers they can type ("الطلب 1043 انشحن"), and the AI pause a staff command can set.

-- Order numbers per merchant, from 1001: a counter on the merchant row, taken by a trigger so every way an order is
-- created (the chat, the dashboard, the API) numbers it the same way. The counter's row lock serialises the orders of
-- one merchant for the instant of the insert; orders are rare next to messages.
ALTER TABLE merchants ADD COLUMN last_order_number bigint NOT NULL DEFAULT 1000;
ALTER TABLE orders ADD COLUMN number bigint NULL;
WITH numbered AS (
    SELECT id, 1000 + row_number() OVER (PARTITION BY merchant_id ORDER BY created_at, id) AS n FROM orders)
UPDATE orders o SET number = numbered.n FROM numbered WHERE numbered.id = o.id;
UPDATE merchants m SET last_order_number = GREATEST(1000, (SELECT coalesce(max(number), 1000) FROM orders o WHERE o.merchant_id = m.id));
ALTER TABLE orders ALTER COLUMN number SET NOT NULL;
CREATE UNIQUE INDEX uq_orders_merchant_number ON orders (merchant_id, number);

-- SECURITY DEFINER: the dashboard's tenant role may insert orders but not update merchants.
CREATE FUNCTION orders_take_number() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    -- The chat reserves its number first (to tell the customer) and inserts it; every other insert gets the next one here.
    IF NEW.number IS NULL THEN
        UPDATE merchants SET last_order_number = last_order_number + 1 WHERE id = NEW.merchant_id
        RETURNING last_order_number INTO NEW.number;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER tr_orders_number BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION orders_take_number();

-- The product an AI reply was about (the first it named): "which product is asked about most" for the dashboard and the
-- staff assistant. No foreign key: the reply insert is the hot path, and a deleted product's id simply joins nothing.
ALTER TABLE messages ADD COLUMN product_id uuid NULL;

-- A team member's WhatsApp number, linked through one of the shop's WhatsApp numbers. Until verified_at is set (the
-- member typed the code the shop's number sent them) the number is still a customer like any other.
CREATE TABLE staff_phones (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    merchant_id        uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel_account_id uuid        NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
    -- WhatsApp id: the international number in digits, as webhooks carry it (9647701234567).
    phone              text        NOT NULL,
    code_hash          bytea       NULL,
    code_expires_at    timestamptz NULL,
    code_attempts      integer     NOT NULL DEFAULT 0,
    verified_at        timestamptz NULL,
    -- A destructive command waiting for the member's "yes" (kind and arguments), and until when it may be confirmed.
    pending_command    jsonb       NULL,
    pending_until      timestamptz NULL,
    created_by         uuid        NULL REFERENCES users (id) ON DELETE SET NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_staff_phones_phone CHECK (phone ~ '^[0-9]{8,15}$'),
    CONSTRAINT ck_staff_phones_code_hash CHECK (code_hash IS NULL OR octet_length(code_hash) = 32)
);
-- One person per number per shop number: the router finds a staff phone by the receiving account and the sender.
CREATE UNIQUE INDEX uq_staff_phones_account_phone ON staff_phones (channel_account_id, phone);
CREATE INDEX ix_staff_phones_merchant ON staff_phones (merchant_id, created_at);

-- The staff assistant's conversation with each phone: what the member wrote (inbound, handled once) and what it
-- answered or sent on its own (outbound: codes, alerts), with the send's state. Never part of the customer inbox,
-- lead scoring or analytics.
CREATE TABLE staff_messages (
    id             uuid        PRIMARY KEY,
    merchant_id    uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    staff_phone_id uuid        NOT NULL REFERENCES staff_phones (id) ON DELETE CASCADE,
    direction      text        NOT NULL,
    text           text        NOT NULL,
    -- inbound: received → handled; outbound: pending → sending → sent | failed.
    status         text        NOT NULL,
    -- What the assistant understood the inbound message as (orders.today, order.status, question.sales …): reports.
    intent         text        NULL,
    external_id    text        NULL,
    error          text        NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_staff_messages_direction CHECK (direction = ANY ('{inbound,outbound}'::text[])),
    CONSTRAINT ck_staff_messages_status CHECK (status = ANY ('{received,handled,pending,sending,sent,failed}'::text[]))
);
CREATE INDEX ix_staff_messages_phone_created ON staff_messages (staff_phone_id, created_at DESC);
-- A WhatsApp status webhook that fails one of them late finds it by the id WhatsApp gave it.
CREATE INDEX ix_staff_messages_external ON staff_messages (external_id) WHERE external_id IS NOT NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON staff_phones TO aisales_dashboard;
GRANT SELECT, INSERT, UPDATE ON staff_messages TO aisales_dashboard;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['staff_phones', 'staff_messages']
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
