namespace AiSales.Core.Crm.Odoo;

/// <summary>Queue message (integrations): push one odoo_sync row (a lead or an order) to the merchant's Odoo.</summary>
public sealed record SyncToOdoo(long SyncId);

/// <summary>Queue message (integrations): apply one stored odoo_webhook_deliveries row. Committed with the row.</summary>
public sealed record ProcessOdooWebhook(long DeliveryId);
