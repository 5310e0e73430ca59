-- Campaign results (issue #22): a merchant's Meta ad accounts, their campaigns and daily numbers per ad, read from the
-- Marketing API by the Worker's sync (docs/campaigns.md).

-- One connected ad account. The token is encrypted like channel tokens (TokenProtector) and never leaves the server.
-- Spend arrives in the account's currency (usually USD); iqd_per_unit converts it for ROAS (NULL: the configured
-- default rate). The sync_* columns are what the merchant sees on /crm: last attempt, last success, the error in words.
CREATE TABLE ad_accounts (
    id                      uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    merchant_id             uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    -- The numeric id without the act_ prefix, kept as text (Meta ids pass 2^53).
    external_id             text        NOT NULL,
    name                    text        NULL,
    currency                text        NULL,
    account_status          integer     NULL,
    access_token_encrypted  bytea       NULL,
    iqd_per_unit            numeric(14, 4) NULL,
    -- Demo rows and accounts the merchant paused are never fetched.
    sync_enabled            boolean     NOT NULL DEFAULT true,
    sync_state              text        NOT NULL DEFAULT 'never',
    last_sync_at            timestamptz NULL,
    last_success_at         timestamptz NULL,
    last_error              text        NULL,
    last_error_code         integer     NULL,
    -- When the account is due next (a back-off after throttling moves it later; "sync now" sets it to now).
    next_sync_at            timestamptz NULL,
    -- A Worker's claim on the account while it syncs (a lease: a crashed Worker's claim runs out).
    sync_claimed_until      timestamptz NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_ad_accounts_merchant_external UNIQUE (merchant_id, external_id),
    CONSTRAINT ck_ad_accounts_external_id CHECK (external_id ~ '^[0-9]{1,30}$'),
    CONSTRAINT ck_ad_accounts_rate CHECK (iqd_per_unit IS NULL OR iqd_per_unit > 0),
    CONSTRAINT ck_ad_accounts_sync_state CHECK (sync_state = ANY ('{never,ok,throttled,failing,needs_reconnect}'::text[]))
);
CREATE INDEX ix_ad_accounts_due ON ad_accounts (next_sync_at) WHERE sync_enabled AND access_token_encrypted IS NOT NULL;

-- Campaigns as the account lists them (name, status, objective), kept when Meta stops listing them (archived).
CREATE TABLE ad_campaigns (
    ad_account_id   uuid        NOT NULL REFERENCES ad_accounts (id) ON DELETE CASCADE,
    campaign_id     text        NOT NULL,
    merchant_id     uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    name            text        NULL,
    status          text        NULL,
    objective       text        NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (ad_account_id, campaign_id)
);

-- One row per ad and day (the account's time zone, as Meta reports it). A sync replaces the days it fetched, so
-- re-reading a day replaces its numbers; the key makes a second writer update, never add.
CREATE TABLE ad_insights_daily (
    ad_account_id   uuid        NOT NULL REFERENCES ad_accounts (id) ON DELETE CASCADE,
    ad_id           text        NOT NULL,
    day             date        NOT NULL,
    merchant_id     uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    campaign_id     text        NOT NULL,
    campaign_name   text        NULL,
    adset_id        text        NULL,
    ad_name         text        NULL,
    -- In the account's currency (major units, as Meta's decimal string).
    spend           numeric(14, 2) NOT NULL DEFAULT 0,
    impressions     bigint      NOT NULL DEFAULT 0,
    clicks          bigint      NOT NULL DEFAULT 0,
    -- Meta's own lead count (one action type, never a sum of the list); CPL uses our attributed contacts instead.
    meta_leads      integer     NOT NULL DEFAULT 0,
    synced_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (ad_account_id, ad_id, day),
    CONSTRAINT ck_ad_insights_daily_spend CHECK (spend >= 0)
);
CREATE INDEX ix_ad_insights_daily_merchant_campaign_day ON ad_insights_daily (merchant_id, campaign_id, day);
CREATE INDEX ix_ad_insights_daily_merchant_ad ON ad_insights_daily (merchant_id, ad_id);

GRANT SELECT, INSERT, UPDATE ON ad_accounts TO aisales_dashboard;
GRANT SELECT ON ad_campaigns, ad_insights_daily TO aisales_dashboard;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['ad_accounts', 'ad_campaigns', 'ad_insights_daily']
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
