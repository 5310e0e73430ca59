-- WhatsApp message templates: the only message a shop may send on WhatsApp outside the 24 h customer service window
-- (and the only one it may send first). The merchant's approved templates are read from Meta per WhatsApp number, and
-- the merchant picks which one says what for each automatic event (order shipped, order delivered, a lead-form greeting).
-- The assistant never chooses a template: a template goes out only where a person mapped it to an event, or picked it
-- in the conversation.

-- The number's templates as Meta listed them at synced_at (GET /{waba-id}/message_templates). Only APPROVED ones can be
-- sent; the others are kept so the page can say why a template is missing.
CREATE TABLE whatsapp_templates (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    merchant_id        uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    channel_account_id uuid        NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
    meta_id            text        NULL,
    name               text        NOT NULL,
    -- Meta's language code, e.g. ar, ar_IQ, en_US: a template is sent by name AND language.
    language           text        NOT NULL,
    -- MARKETING, UTILITY, AUTHENTICATION (Meta's words, kept as Meta sent them).
    category           text        NULL,
    -- APPROVED, PENDING, REJECTED, PAUSED, DISABLED, ...
    status             text        NOT NULL,
    -- The BODY component's text with its {{1}} / {{name}} placeholders, to show the merchant and to keep the sent words
    -- in the conversation.
    body               text        NULL,
    -- The body's placeholders in order: '1','2',… for positional templates, the names for named ones.
    parameters         text[]      NOT NULL DEFAULT '{}',
    named_parameters   boolean     NOT NULL DEFAULT false,
    -- The template also needs values we cannot fill (a media or variable header, a URL button parameter, a one-time
    -- code): listed so the merchant sees it, never offered for an event.
    needs_other_values boolean     NOT NULL DEFAULT false,
    synced_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_whatsapp_templates_account_name_language UNIQUE (channel_account_id, name, language)
);
CREATE INDEX ix_whatsapp_templates_merchant ON whatsapp_templates (merchant_id);

-- Which approved template says what, per WhatsApp number and event; `fields` fills the template's placeholders in order
-- (customer_name, order_number, order_total, shop_name). A mapping whose template disappeared or lost its approval is
-- kept and reported, never sent.
CREATE TABLE template_uses (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    merchant_id        uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    channel_account_id uuid        NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
    event              text        NOT NULL,
    template_name      text        NOT NULL,
    template_language  text        NOT NULL,
    fields             text[]      NOT NULL DEFAULT '{}',
    updated_by         uuid        NULL,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_template_uses_account_event UNIQUE (channel_account_id, event),
    CONSTRAINT ck_template_uses_event CHECK (event = ANY ('{order_shipped,order_delivered,lead_greeting}'::text[]))
);
CREATE INDEX ix_template_uses_merchant ON template_uses (merchant_id);

-- The template a send carries: {"name","language_code","body_parameters":[…],"parameter_names":[…]} (parameter_names only
-- for named templates). NULL for every other send.
ALTER TABLE outbound_sends ADD COLUMN template jsonb NULL;

-- Products shown as the platform's product message (WhatsApp product/product_list from the shop's Meta catalog,
-- Messenger/Instagram generic template cards): {"catalog_id","items":[{"retailer_id","title","subtitle","image_url"}],…}.
ALTER TABLE outbound_sends ADD COLUMN products jsonb NULL;

-- A lead-form lead greeted on WhatsApp: the greeting's message, or why there was none.
ALTER TABLE lead_form_submissions ADD COLUMN greeting text NULL;
ALTER TABLE lead_form_submissions ADD COLUMN greeting_message_id uuid NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON whatsapp_templates, template_uses TO aisales_dashboard;
ALTER TABLE whatsapp_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY whatsapp_templates_tenant ON whatsapp_templates TO aisales_dashboard
    USING (merchant_id = nullif(current_setting('app.merchant_id', true), '')::uuid)
    WITH CHECK (merchant_id = nullif(current_setting('app.merchant_id', true), '')::uuid);
ALTER TABLE template_uses ENABLE ROW LEVEL SECURITY;
CREATE POLICY template_uses_tenant ON template_uses TO aisales_dashboard
    USING (merchant_id = nullif(current_setting('app.merchant_id', true), '')::uuid)
    WITH CHECK (merchant_id = nullif(current_setting('app.merchant_id', true), '')::uuid);
