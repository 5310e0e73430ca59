-- Conversions back to Meta (issue #25): order events sent to the Conversions API for business messaging, per ad account
-- the merchant turned it on for (docs/conversions.md).

-- Per ad account: the switch, the dataset (pixel) the events go to, and how sending went. The token is the account's
-- own access_token_encrypted unless the merchant saved one for events (capi_token_encrypted, TokenProtector like every
-- token: a token that reads ads may not reach the dataset, and an account connected without a token can still send).
-- capi_state: idle (nothing sent yet), ok, failing (the last event could not be sent and
-- waits for a retry), needs_reconnect (Meta rejected the token: nothing goes until a new token is saved).
ALTER TABLE ad_accounts ADD COLUMN capi_enabled boolean NOT NULL DEFAULT false;
ALTER TABLE ad_accounts ADD COLUMN capi_dataset_id text NULL;
ALTER TABLE ad_accounts ADD COLUMN capi_token_encrypted bytea NULL;
ALTER TABLE ad_accounts ADD COLUMN capi_state text NOT NULL DEFAULT 'idle';
ALTER TABLE ad_accounts ADD COLUMN capi_last_error text NULL;
ALTER TABLE ad_accounts ADD COLUMN capi_last_sent_at timestamptz NULL;
ALTER TABLE ad_accounts ADD CONSTRAINT ck_ad_accounts_capi_dataset CHECK (capi_dataset_id IS NULL OR capi_dataset_id ~ '^[0-9]{1,30}$');
ALTER TABLE ad_accounts ADD CONSTRAINT ck_ad_accounts_capi_state CHECK (capi_state = ANY ('{idle,ok,failing,needs_reconnect}'::text[]));

-- One row per (order, event): the outbox and the record the merchant sees in one. event_id is what Meta dedupes on
-- (order:<order id>:<event>), UNIQUE so a status set twice, a trigger firing again or a replayed write never makes a
-- second event. The value is the order's as it was when the event happened. state: pending (waiting or retrying),
-- sent, failed (Meta refused it for good, or retries ran out), skipped (CAPI was turned off before it went).
CREATE TABLE capi_events (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id     uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    ad_account_id   uuid        NOT NULL REFERENCES ad_accounts (id) ON DELETE CASCADE,
    order_id        uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    order_number    bigint      NOT NULL,
    -- created / purchase / shipped / delivered / cancelled / returned, and Meta's name for it.
    event_key       text        NOT NULL,
    event_name      text        NOT NULL,
    event_id        text        NOT NULL,
    event_time      timestamptz NOT NULL,
    value_iqd       bigint      NOT NULL,
    currency        text        NOT NULL DEFAULT 'IQD',
    -- whatsapp / messenger / instagram: the channel of the order's customer.
    channel         text        NULL,
    state           text        NOT NULL DEFAULT 'pending',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- Set when the scheduler queued the job; a job lost with its Worker is queued again after a while.
    queued_at       timestamptz NULL,
    -- A running job's lease: a redelivered job waits it out instead of posting the same event at the same time.
    locked_until    timestamptz NULL,
    -- token / throttled / transient / rejected / setup: what the page says in words; last_error is Meta's own.
    error_kind      text        NULL,
    last_error      text        NULL,
    last_error_code integer     NULL,
    fbtrace_id      text        NULL,
    sent_at         timestamptz NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_capi_events_event_id UNIQUE (event_id),
    CONSTRAINT ck_capi_events_state CHECK (state = ANY ('{pending,sent,failed,skipped}'::text[])),
    CONSTRAINT ck_capi_events_key CHECK (event_key = ANY ('{created,purchase,shipped,delivered,cancelled,returned}'::text[]))
);
CREATE INDEX ix_capi_events_due ON capi_events (next_attempt_at) WHERE state = 'pending';
CREATE INDEX ix_capi_events_merchant_created ON capi_events (merchant_id, created_at DESC);
CREATE INDEX ix_capi_events_account_state ON capi_events (ad_account_id, state);

-- Marking events, whichever path wrote the order (chat, dashboard, staff WhatsApp, Odoo, merchant API, plain SQL).
-- SECURITY DEFINER: the dashboard writes orders as aisales_dashboard, which may not write capi_events itself.
-- The account is the one the customer's ad touch names (a lead-form campaign, or an ad the insights list), else the
-- merchant's oldest account with CAPI on; nothing is marked unless that account has CAPI on and a dataset.
CREATE FUNCTION capi_mark_order() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    account uuid;
    ready   boolean;
    ch      text;
    keys    text[] := '{}';
    k       text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM ad_accounts a WHERE a.merchant_id = NEW.merchant_id AND a.capi_enabled) THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN keys := keys || 'created'::text; END IF;
    IF NEW.status = ANY ('{confirmed,shipped,delivered}'::text[]) THEN keys := keys || 'purchase'::text; END IF;
    IF NEW.status = ANY ('{shipped,delivered,cancelled,returned}'::text[]) THEN keys := keys || NEW.status; END IF;
    IF cardinality(keys) = 0 THEN RETURN NULL; END IF;

    SELECT coalesce(
               (SELECT ac.ad_account_id FROM ad_campaigns ac
                WHERE ac.merchant_id = c.merchant_id AND ac.campaign_id = c.first_touch->>'campaign_id' LIMIT 1),
               (SELECT i.ad_account_id FROM ad_insights_daily i
                WHERE i.merchant_id = c.merchant_id AND i.ad_id = coalesce(c.first_touch->>'ad_id', c.last_touch->>'ad_id')
                ORDER BY i.day DESC LIMIT 1)),
           ca.platform
    INTO account, ch
    FROM contacts c JOIN channel_accounts ca ON ca.id = c.channel_account_id
    WHERE c.id = NEW.contact_id;
    IF account IS NULL THEN
        SELECT a.id INTO account FROM ad_accounts a
        WHERE a.merchant_id = NEW.merchant_id AND a.capi_enabled AND a.capi_dataset_id IS NOT NULL
        ORDER BY a.created_at, a.id LIMIT 1;
    END IF;
    SELECT a.capi_enabled AND a.capi_dataset_id IS NOT NULL INTO ready FROM ad_accounts a WHERE a.id = account;
    IF NOT coalesce(ready, false) THEN RETURN NULL; END IF;

    FOREACH k IN ARRAY keys
    LOOP
        INSERT INTO capi_events (merchant_id, ad_account_id, order_id, order_number, event_key, event_name, event_id, event_time,
                                 value_iqd, channel)
        VALUES (NEW.merchant_id, account, NEW.id, NEW.number, k,
                CASE k WHEN 'created' THEN 'OrderCreated' WHEN 'purchase' THEN 'Purchase' WHEN 'shipped' THEN 'OrderShipped'
                       WHEN 'delivered' THEN 'OrderDelivered' WHEN 'cancelled' THEN 'OrderCanceled' ELSE 'OrderReturned' END,
                'order:' || NEW.id || ':' || k,
                CASE WHEN k = 'created' THEN NEW.created_at ELSE now() END,
                NEW.items_total_iqd + NEW.delivery_fee_iqd, ch)
        ON CONFLICT (event_id) DO NOTHING;
    END LOOP;
    RETURN NULL;
END
$$;
CREATE TRIGGER trg_orders_capi_insert AFTER INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION capi_mark_order();
CREATE TRIGGER trg_orders_capi_update AFTER UPDATE OF status ON orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION capi_mark_order();

-- A new token on an account that Meta had refused: sending resumes, and the events that failed on the old token go
-- again (the merchant reconnected to get them there).
CREATE FUNCTION capi_token_replaced() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE ad_accounts SET capi_state = 'idle', capi_last_error = NULL WHERE id = NEW.id AND capi_state = 'needs_reconnect';
    UPDATE capi_events SET state = 'pending', attempts = 0, next_attempt_at = now(), queued_at = NULL, updated_at = now()
    WHERE ad_account_id = NEW.id AND state = 'failed' AND error_kind = 'token';
    RETURN NULL;
END
$$;
CREATE TRIGGER trg_ad_accounts_capi_token AFTER UPDATE OF access_token_encrypted, capi_token_encrypted ON ad_accounts
    FOR EACH ROW WHEN (OLD.access_token_encrypted IS DISTINCT FROM NEW.access_token_encrypted
                       OR OLD.capi_token_encrypted IS DISTINCT FROM NEW.capi_token_encrypted)
    EXECUTE FUNCTION capi_token_replaced();

-- The conversions page: the owner reads what was sent and asks for a failed event to go again.
GRANT SELECT, UPDATE ON capi_events TO aisales_dashboard;
ALTER TABLE capi_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY capi_events_tenant ON capi_events TO aisales_dashboard
    USING (merchant_id = nullif(current_setting('app.merchant_id', true), '')::uuid)
    WITH CHECK (merchant_id = nullif(current_setting('app.merchant_id', true), '')::uuid);
