-- Odoo in both directions (issue #22): a merchant's Odoo connection, the id mapping and sync state of every lead and
-- order pushed there, and Odoo's webhook notifications coming back. docs/odoo.md describes the flow.

-- One Odoo per merchant. The API key and the webhook secret are encrypted like channel tokens (TokenProtector) and
-- never read back into a page. stage_map: AiSales stage → Odoo crm.stage id ({"won": 4}); odoo_stages: the crm.stage
-- list ([{"id": 1, "name": "New", "is_won": false}]) as last read, to offer choices and to name a stage coming back.
CREATE TABLE odoo_connections (
    merchant_id              uuid        PRIMARY KEY REFERENCES merchants (id) ON DELETE CASCADE,
    url                      text        NOT NULL,
    database                 text        NOT NULL,
    username                 text        NOT NULL,
    api_key_encrypted        bytea       NOT NULL,
    webhook_secret_encrypted bytea       NOT NULL,
    stage_map                jsonb       NOT NULL DEFAULT '{}'::jsonb,
    odoo_stages              jsonb       NOT NULL DEFAULT '[]'::jsonb,
    odoo_version             text        NULL,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now()
);

-- One row per AiSales lead (contact) or order that goes to Odoo: the id mapping (odoo_id, and the res.partner of a
-- lead) and the sync outbox in one. Triggers below mark a row pending whenever anything changes it, whichever path
-- wrote the contact or order (chat, dashboard, staff WhatsApp, merchant API, plain SQL); the Worker's scheduler queues
-- a job for each pending row that is due. version/synced_version tell a change made while a job ran from one it saw.
CREATE TABLE odoo_sync (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id     uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    kind            text        NOT NULL,
    -- contacts.id for a lead, orders.id for an order (no FK: either table; a deleted row is skipped by the job).
    entity_id       uuid        NOT NULL,
    odoo_model      text        NOT NULL,
    odoo_id         bigint      NULL,
    odoo_partner_id bigint      NULL,
    state           text        NOT NULL DEFAULT 'pending',
    version         bigint      NOT NULL DEFAULT 1,
    synced_version  bigint      NOT NULL DEFAULT 0,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- Set when the scheduler queued the job; a job lost with its Worker is queued again after a while.
    queued_at       timestamptz NULL,
    -- A running job's lease: a second job for the same row (a redelivery, the scheduler re-queueing) waits it out.
    locked_until    timestamptz NULL,
    last_error      text        NULL,
    synced_at       timestamptz NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_odoo_sync_kind_entity UNIQUE (kind, entity_id),
    CONSTRAINT ck_odoo_sync_kind CHECK (kind = ANY ('{lead,order}'::text[])),
    CONSTRAINT ck_odoo_sync_state CHECK (state = ANY ('{pending,synced,failed}'::text[]))
);
CREATE INDEX ix_odoo_sync_due ON odoo_sync (next_attempt_at) WHERE state = 'pending';
-- A webhook names the Odoo record: which AiSales lead or order is it?
CREATE INDEX ix_odoo_sync_odoo_record ON odoo_sync (merchant_id, odoo_model, odoo_id) WHERE odoo_id IS NOT NULL;
CREATE INDEX ix_odoo_sync_merchant_state ON odoo_sync (merchant_id, state, updated_at DESC);

-- Odoo's "Send Webhook Notification" POSTs, stored raw before the 200. The body's hash makes a replayed POST a no-op.
CREATE TABLE odoo_webhook_deliveries (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id  uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    body         text        NOT NULL,
    body_sha256  bytea       NOT NULL,
    model        text        NULL,
    record_id    bigint      NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz NULL,
    -- applied / ignored_model / unknown_record / no_change / failed
    outcome      text        NULL,
    detail       text        NULL,
    CONSTRAINT uq_odoo_webhook_deliveries_body UNIQUE (merchant_id, body_sha256)
);
CREATE INDEX ix_odoo_webhook_deliveries_merchant ON odoo_webhook_deliveries (merchant_id, received_at DESC);

-- Marking rows for sync. SECURITY DEFINER: the dashboard writes contacts and orders as aisales_dashboard, which may
-- not write odoo_sync itself. A transaction that applies what Odoo reported sets aisales.odoo_inbound = 'on' (local
-- to it), so a change that came from Odoo is never pushed back.
CREATE FUNCTION odoo_sync_mark_contact() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF coalesce(current_setting('aisales.odoo_inbound', true), '') = 'on' THEN RETURN NULL; END IF;
    IF NOT EXISTS (SELECT 1 FROM odoo_connections c WHERE c.merchant_id = NEW.merchant_id) THEN RETURN NULL; END IF;
    INSERT INTO odoo_sync (merchant_id, kind, entity_id, odoo_model) VALUES (NEW.merchant_id, 'lead', NEW.id, 'crm.lead')
    ON CONFLICT (kind, entity_id) DO UPDATE SET version = odoo_sync.version + 1, state = 'pending', attempts = 0,
        next_attempt_at = now(), last_error = NULL, updated_at = now();
    RETURN NULL;
END
$$;
CREATE TRIGGER trg_contacts_odoo_sync_insert AFTER INSERT ON contacts
    FOR EACH ROW EXECUTE FUNCTION odoo_sync_mark_contact();
CREATE TRIGGER trg_contacts_odoo_sync_update AFTER UPDATE OF stage, label, score, display_name, phone ON contacts
    FOR EACH ROW WHEN (OLD.stage IS DISTINCT FROM NEW.stage OR OLD.label IS DISTINCT FROM NEW.label
                       OR OLD.score IS DISTINCT FROM NEW.score OR OLD.display_name IS DISTINCT FROM NEW.display_name
                       OR OLD.phone IS DISTINCT FROM NEW.phone)
    EXECUTE FUNCTION odoo_sync_mark_contact();

-- An order goes to Odoo once it is confirmed (or created past that); a cancellation of an order already there is
-- pushed too. Pending orders stay in AiSales.
CREATE FUNCTION odoo_sync_mark_order() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF coalesce(current_setting('aisales.odoo_inbound', true), '') = 'on' THEN RETURN NULL; END IF;
    IF NOT EXISTS (SELECT 1 FROM odoo_connections c WHERE c.merchant_id = NEW.merchant_id) THEN RETURN NULL; END IF;
    IF NEW.status = ANY ('{confirmed,shipped,delivered}'::text[]) THEN
        INSERT INTO odoo_sync (merchant_id, kind, entity_id, odoo_model) VALUES (NEW.merchant_id, 'order', NEW.id, 'sale.order')
        ON CONFLICT (kind, entity_id) DO NOTHING;
    ELSIF NEW.status = 'cancelled' THEN
        UPDATE odoo_sync SET version = version + 1, state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL,
            updated_at = now()
        WHERE kind = 'order' AND entity_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER trg_orders_odoo_sync_insert AFTER INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION odoo_sync_mark_order();
CREATE TRIGGER trg_orders_odoo_sync_update AFTER UPDATE OF status ON orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION odoo_sync_mark_order();

-- The Integrations page: the owner edits the connection, sees sync state and deliveries, and retries failures.
GRANT SELECT, INSERT, UPDATE, DELETE ON odoo_connections TO aisales_dashboard;
GRANT SELECT, UPDATE ON odoo_sync TO aisales_dashboard;
GRANT SELECT ON odoo_webhook_deliveries TO aisales_dashboard;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['odoo_connections', 'odoo_sync', 'odoo_webhook_deliveries']
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
