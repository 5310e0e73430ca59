-- The CRM side of a lead (issue #22), shared by the Odoo sync, lead ads and campaign results.

-- What the merchant's CRM says about the lead: Odoo's expected revenue (in the shop's currency, IQD) and probability
-- (0–100), and the name of the stage it sits in there. NULL until a CRM reports them.
ALTER TABLE contacts ADD COLUMN expected_revenue_iqd bigint NULL;
ALTER TABLE contacts ADD COLUMN probability numeric(5, 2) NULL;
ALTER TABLE contacts ADD COLUMN crm_stage text NULL;
ALTER TABLE contacts ADD CONSTRAINT ck_contacts_expected_revenue CHECK (expected_revenue_iqd IS NULL OR expected_revenue_iqd >= 0);
ALTER TABLE contacts ADD CONSTRAINT ck_contacts_probability CHECK (probability IS NULL OR probability BETWEEN 0 AND 100);

-- Campaign results group leads by the campaign / ad of their first touch (lead-form leads carry the campaign id,
-- chat leads from ads the ad id).
CREATE INDEX ix_contacts_first_touch_campaign ON contacts (merchant_id, (first_touch->>'campaign_id'))
    WHERE first_touch->>'campaign_id' IS NOT NULL;
CREATE INDEX ix_contacts_first_touch_ad ON contacts (merchant_id, (first_touch->>'ad_id'))
    WHERE first_touch->>'ad_id' IS NOT NULL;
