-- The dashboard's Channels and AI settings pages write through the tenant role (MerchantData), so RLS still
-- guards those writes: connect/reconnect/disable a channel account, and edit the merchant's ai_settings.
-- Column-level on merchants: a merchant may change its assistant's settings, not its id, slug or name here.
GRANT INSERT, UPDATE ON channel_accounts TO aisales_dashboard;
GRANT UPDATE (ai_settings, updated_at) ON merchants TO aisales_dashboard;
