-- Meta lead ads (issue #22): one row per lead form submission Meta told us about (Page webhook, field "leadgen").
-- The webhook carries ids only; the Worker reads the answers from Graph (GET /{leadgen_id}) and makes the contact.
-- The row is the submission's state, so a failed read is visible and a replayed webhook is a no-op.
CREATE TABLE lead_form_submissions (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    merchant_id        uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    -- The Page's Messenger account the webhook was routed to (its token reads the lead).
    channel_account_id uuid        NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
    -- Meta ids stay text: ad ids exceed 2^53. leadgen_id is Meta's key of the submission (dedupe).
    leadgen_id         text        NOT NULL,
    page_id            text        NULL,
    form_id            text        NULL,
    ad_id              text        NULL,
    adset_id           text        NULL,
    campaign_id        text        NULL,
    -- pending: waiting for the Graph read; fetched: contact made; failed: the read failed for good (last_error says why);
    -- test: a dashboard "Test" lead (ids 444…), which Graph cannot read, recorded and never fetched.
    status             text        NOT NULL DEFAULT 'pending',
    -- The form's answers as {question key: [values]} (keys are the form's own, any Unicode text).
    answers            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    contact_id         uuid        NULL REFERENCES contacts (id) ON DELETE SET NULL,
    attempts           integer     NOT NULL DEFAULT 0,
    last_error_code    text        NULL,
    last_error         text        NULL,
    -- When the person submitted the form (webhook created_time, then Graph's).
    submitted_at       timestamptz NULL,
    fetched_at         timestamptz NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_lead_form_submissions_merchant_leadgen UNIQUE (merchant_id, leadgen_id),
    CONSTRAINT ck_lead_form_submissions_status CHECK (status = ANY ('{pending,fetched,failed,test}'::text[])),
    CONSTRAINT ck_lead_form_submissions_attempts CHECK (attempts >= 0)
);
CREATE INDEX ix_lead_form_submissions_merchant_created ON lead_form_submissions (merchant_id, created_at DESC);
CREATE INDEX ix_lead_form_submissions_contact ON lead_form_submissions (contact_id) WHERE contact_id IS NOT NULL;

GRANT SELECT ON lead_form_submissions TO aisales_dashboard;
ALTER TABLE lead_form_submissions ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_form_submissions_tenant ON lead_form_submissions TO aisales_dashboard
    USING (merchant_id = nullif(current_setting('app.merchant_id', true), '')::uuid)
    WITH CHECK (merchant_id = nullif(current_setting('app.merchant_id', true), '')::uuid);
