-- Pushed dashboard updates (issue #21): every write that changes what an open inbox, conversation, leads board or
-- orders page shows sends a NOTIFY on channel aisales_changes with the payload '<merchant_id> <table>'. The Dashboard
-- keeps one LISTEN connection (MerchantChangeFeed) and wakes only the interactive components of that merchant, which
-- read their data again; nothing else is in the payload, so a listener learns no data it could not read anyway.
-- NOTIFY is sent at commit (a rolled-back write signals nothing) and Postgres folds identical payloads of one
-- transaction into one, so a bulk insert of a merchant's messages is one signal, not one per row.
CREATE OR REPLACE FUNCTION aisales_signal_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('aisales_changes',
        (CASE WHEN TG_OP = 'DELETE' THEN OLD.merchant_id ELSE NEW.merchant_id END)::text || ' ' || TG_TABLE_NAME);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS trg_conversations_signal ON conversations;
CREATE TRIGGER trg_conversations_signal AFTER INSERT OR UPDATE OR DELETE ON conversations
    FOR EACH ROW EXECUTE FUNCTION aisales_signal_change();
DROP TRIGGER IF EXISTS trg_messages_signal ON messages;
CREATE TRIGGER trg_messages_signal AFTER INSERT OR UPDATE OR DELETE ON messages
    FOR EACH ROW EXECUTE FUNCTION aisales_signal_change();
DROP TRIGGER IF EXISTS trg_contacts_signal ON contacts;
CREATE TRIGGER trg_contacts_signal AFTER INSERT OR UPDATE OR DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION aisales_signal_change();
DROP TRIGGER IF EXISTS trg_orders_signal ON orders;
CREATE TRIGGER trg_orders_signal AFTER INSERT OR UPDATE OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION aisales_signal_change();
DROP TRIGGER IF EXISTS trg_lead_activities_signal ON lead_activities;
CREATE TRIGGER trg_lead_activities_signal AFTER INSERT OR UPDATE OR DELETE ON lead_activities
    FOR EACH ROW EXECUTE FUNCTION aisales_signal_change();
