-- Monitoring of each WhatsApp number (issue #23, item 4): what Meta reports about it, and the alerts we raise.

-- What Meta says about a number or its WhatsApp Business Account: quality flags, messaging-limit tiers, account bans
-- and reviews, template approvals. One row per reported change, kept as reported (detail: the webhook's value object
-- plus the names we read from it) so the page can show the history and the latest of each kind.
CREATE TABLE channel_signals (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    merchant_id        uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    channel_account_id uuid        NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
    kind               text        NOT NULL,
    -- The headline value: FLAGGED, TIER_1K, DISABLED_UPDATE, APPROVED … (the webhook's own words, upper case).
    value              text        NULL,
    -- Template signals: which template the value is about (latest status per name on the page).
    subject            text        NULL,
    detail             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    received_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_channel_signals_kind CHECK (kind = ANY ('{quality,messaging_limit,account,template}'::text[]))
);
CREATE INDEX ix_channel_signals_account_kind ON channel_signals (channel_account_id, kind, received_at DESC);

-- A problem with a number that someone should look at: open until the watch sees it recover. At most one open alert
-- per number and kind (the partial unique index), so two Workers checking at once cannot open it twice.
CREATE TABLE channel_alerts (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    merchant_id        uuid        NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    channel_account_id uuid        NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
    kind               text        NOT NULL,
    opened_at          timestamptz NOT NULL DEFAULT now(),
    resolved_at        timestamptz NULL,
    -- What the watch saw: last event time, the failed sends' error codes …
    detail             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- Set in the same transaction that queues the owners' WhatsApp messages: once per alert.
    notified_at        timestamptz NULL,
    CONSTRAINT ck_channel_alerts_kind CHECK (kind = ANY ('{deliveries_stopped,sends_failing}'::text[]))
);
CREATE UNIQUE INDEX uq_channel_alerts_open ON channel_alerts (channel_account_id, kind) WHERE resolved_at IS NULL;
CREATE INDEX ix_channel_alerts_merchant_opened ON channel_alerts (merchant_id, opened_at DESC);

-- The watch and the page ask "the latest inbound messages / sends of this number": without these, each check would
-- walk the merchant's whole message history. Partial on inbound, so the reply path pays nothing for it.
CREATE INDEX ix_messages_account_inbound_created ON messages (channel_account_id, created_at DESC) WHERE direction = 'inbound';
CREATE INDEX ix_outbound_sends_account_updated ON outbound_sends (channel_account_id, updated_at DESC);

GRANT SELECT ON channel_signals, channel_alerts TO aisales_dashboard;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['channel_signals', 'channel_alerts']
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
