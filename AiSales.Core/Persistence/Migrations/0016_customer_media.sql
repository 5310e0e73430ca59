-- Customer media (issue #24): a photo per product for matching customers' photos and screenshots, and the transcript
-- of a customer's voice note.
-- One photo per product, stored with it (bytea; the upload limit is 5 MB). Computed on upload/seed (AiSales.Core/Media/
-- PerceptualHash.cs), per crop of the photo (whole, 5% and 10% off each side, as a zoomed post shows it): dhash holds the
-- 64-bit difference hashes, fine_hash the 256-bit ones (32 bytes each, in the same order); aspect is width / height,
-- the shape of the window looked for in a customer's screenshot.
CREATE TABLE product_photos (
    product_id   uuid        PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    merchant_id  uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    content_type text        NOT NULL,
    bytes        bytea       NOT NULL,
    dhash        bigint[]    NOT NULL,
    fine_hash    bytea       NOT NULL,
    aspect       real        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_product_photos_content_type CHECK (content_type = ANY ('{image/jpeg,image/png,image/webp}'::text[])),
    CONSTRAINT ck_product_photos_aspect CHECK (aspect > 0)
);
CREATE INDEX ix_product_photos_merchant ON product_photos (merchant_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON product_photos TO aisales_dashboard;
ALTER TABLE product_photos ENABLE ROW LEVEL SECURITY;
CREATE POLICY product_photos_tenant ON product_photos TO aisales_dashboard
    USING (merchant_id = nullif(current_setting('app.merchant_id', true), '')::uuid)
    WITH CHECK (merchant_id = nullif(current_setting('app.merchant_id', true), '')::uuid);

-- What a customer's voice note says, when a transcription provider is configured (shown in the inbox, answered as text).
ALTER TABLE messages ADD COLUMN transcript text NULL;
