-- The merchant's products in their Meta (WhatsApp/Facebook/Instagram) catalog (issue #25, deliverable 2), and soft
-- product delete (issue #21). docs/catalog-sync.md describes the flow.

-- A deleted product is kept (orders keep their lines and their product_id) but hidden everywhere: the catalog page,
-- catalog matching, the assistant, the staff bot, and removed from the Meta catalog. Deleting also clears active, so
-- every reader that already asks for active products (matching, the partial index) leaves it out unchanged. Inactive
-- alone keeps meaning "kept and listed, not sold".
ALTER TABLE products ADD COLUMN deleted_at timestamptz NULL;

-- One Meta catalog per merchant (Meta: one catalog per WhatsApp Business Account). The token is either the system-user
-- token of one of the merchant's Meta channels (channel_account_id), or one entered for the catalog alone
-- (access_token_encrypted, TokenProtector ciphertext, never read back into a page). status needs_reconnect: Meta
-- refused the token; nothing is sent until the owner saves a token again.
CREATE TABLE meta_catalogs (
    merchant_id            uuid        PRIMARY KEY REFERENCES merchants (id) ON DELETE CASCADE,
    catalog_id             text        NOT NULL,
    channel_account_id     uuid        NULL REFERENCES channel_accounts (id) ON DELETE SET NULL,
    access_token_encrypted bytea       NULL,
    -- Meta requires a link per item: the shop's website, Instagram page or wa.me link.
    shop_url               text        NOT NULL,
    -- Meta requires a brand per item; null uses the merchant's name.
    brand                  text        NULL,
    status                 text        NOT NULL DEFAULT 'active',
    last_error             text        NULL,
    -- The sync job's per-merchant lease, and when the scheduler last queued a job.
    locked_until           timestamptz NULL,
    queued_at              timestamptz NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_meta_catalogs_status CHECK (status = ANY ('{active,needs_reconnect}'::text[]))
);

-- One row per product of a merchant with a Meta catalog: the sync outbox and what Meta holds. No FK to products: a
-- product removed with plain SQL still needs its DELETE sent. retailer_id is the SKU as of the last change (set by the
-- trigger); remote_retailer_id the id Meta holds the item under (null: not in Meta), so a changed SKU deletes the old
-- item. state: pending (to send), sent (in a batch Meta is still applying: batch_handle, checked at next_attempt_at),
-- synced, failed (error_code in plain words on the page, last_error Meta's own words).
CREATE TABLE catalog_sync (
    product_id         uuid        PRIMARY KEY,
    merchant_id        uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    retailer_id        text        NOT NULL,
    remote_retailer_id text        NULL,
    state              text        NOT NULL DEFAULT 'pending',
    version            bigint      NOT NULL DEFAULT 1,
    sent_version       bigint      NULL,
    sent_method        text        NULL,
    sent_retailer_id   text        NULL,
    batch_handle       text        NULL,
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    error_code         text        NULL,
    last_error         text        NULL,
    synced_at          timestamptz NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_catalog_sync_state CHECK (state = ANY ('{pending,sent,synced,failed}'::text[]))
);
CREATE INDEX ix_catalog_sync_due ON catalog_sync (merchant_id, next_attempt_at) WHERE state IN ('pending', 'sent');
CREATE INDEX ix_catalog_sync_handle ON catalog_sync (merchant_id, batch_handle) WHERE batch_handle IS NOT NULL;

-- Marking products for sync, whichever path changed them (catalog page, CSV import, staff WhatsApp bot, the merchant
-- API, orders taking stock, plain SQL). SECURITY DEFINER: the dashboard writes products as aisales_dashboard.
CREATE FUNCTION catalog_sync_mark_product() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    p_id uuid;
    p_merchant uuid;
    p_sku text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        p_id := OLD.id; p_merchant := OLD.merchant_id; p_sku := OLD.sku;
    ELSE
        p_id := NEW.id; p_merchant := NEW.merchant_id; p_sku := NEW.sku;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM meta_catalogs c WHERE c.merchant_id = p_merchant) THEN RETURN NULL; END IF;
    INSERT INTO catalog_sync (product_id, merchant_id, retailer_id) VALUES (p_id, p_merchant, p_sku)
    ON CONFLICT (product_id) DO UPDATE SET retailer_id = EXCLUDED.retailer_id, version = catalog_sync.version + 1,
        state = 'pending', attempts = 0, next_attempt_at = now(), error_code = NULL, last_error = NULL, updated_at = now();
    RETURN NULL;
END
$$;
CREATE TRIGGER trg_products_catalog_sync_insert AFTER INSERT ON products
    FOR EACH ROW EXECUTE FUNCTION catalog_sync_mark_product();
CREATE TRIGGER trg_products_catalog_sync_update AFTER UPDATE ON products
    FOR EACH ROW WHEN ((OLD.sku, OLD.name_ar, OLD.name_en, OLD.description, OLD.price_iqd, OLD.stock, OLD.image_url, OLD.active, OLD.deleted_at)
                       IS DISTINCT FROM
                       (NEW.sku, NEW.name_ar, NEW.name_en, NEW.description, NEW.price_iqd, NEW.stock, NEW.image_url, NEW.active, NEW.deleted_at))
    EXECUTE FUNCTION catalog_sync_mark_product();
CREATE TRIGGER trg_products_catalog_sync_delete AFTER DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION catalog_sync_mark_product();

-- The catalog pages: the owner edits the connection and "sync all" marks every product; everyone sees sync state.
GRANT SELECT, INSERT, UPDATE, DELETE ON meta_catalogs TO aisales_dashboard;
GRANT SELECT, INSERT, UPDATE ON catalog_sync TO aisales_dashboard;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['meta_catalogs', 'catalog_sync']
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
