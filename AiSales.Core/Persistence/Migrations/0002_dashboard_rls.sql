-- Row-level security: the second wall behind the dashboard's explicit merchant scoping.
-- The dashboard runs merchant-scoped work as `SET ROLE aisales_dashboard` with
-- `set_config('app.merchant_id', <id>, false)`; every policy compares merchant_id with that setting, so a bug
-- that forgets a WHERE clause still cannot read or write another merchant's rows. The Worker and Webhooks
-- keep their own (owner) role: RLS does not apply to them. Identity/login queries never switch role.

-- Roles are cluster-wide and several databases (tests, services starting together) may run this at once.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aisales_dashboard') THEN
        CREATE ROLE aisales_dashboard NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

-- The service's login role must be able to SET ROLE to it (a superuser already can).
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'aisales_dashboard', 'MEMBER') THEN
        EXECUTE format('GRANT aisales_dashboard TO %I', current_user);
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'could not grant aisales_dashboard to %; grant it by hand', current_user;
END
$$;

GRANT USAGE ON SCHEMA public TO aisales_dashboard;
GRANT SELECT ON merchants TO aisales_dashboard;
GRANT SELECT ON merchant_members, channel_accounts TO aisales_dashboard;
GRANT SELECT, INSERT, UPDATE ON contacts, conversations, messages, outbound_sends, lead_activities TO aisales_dashboard;
GRANT SELECT, INSERT, UPDATE, DELETE ON products TO aisales_dashboard;
GRANT SELECT, INSERT ON audit_log TO aisales_dashboard;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO aisales_dashboard;

ALTER TABLE merchants ENABLE ROW LEVEL SECURITY;
CREATE POLICY merchants_tenant ON merchants TO aisales_dashboard
    USING (id = nullif(current_setting('app.merchant_id', true), '')::uuid);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['merchant_members', 'channel_accounts', 'contacts', 'conversations', 'messages',
                             'outbound_sends', 'products', 'lead_activities', 'audit_log']
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
