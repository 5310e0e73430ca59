using Wolverine.Attributes;

namespace AiSales.Core.Messaging;

// The integrations queue's messages. They were declared beside their handlers' services before the routing table
// (MessageQueues) moved to the bottom of Core; each identity keeps the name Wolverine stored with envelopes already
// waiting in a running installation, so an upgrade does not strand them.

/// <summary>Push one odoo_sync row (a lead or an order) to the merchant's Odoo.</summary>
[MessageIdentity("AiSales.Core.Messaging.SyncToOdoo")]
public sealed record SyncToOdoo(long SyncId);

/// <summary>Apply one stored odoo_webhook_deliveries row. Committed with the row.</summary>
[MessageIdentity("AiSales.Core.Messaging.ProcessOdooWebhook")]
public sealed record ProcessOdooWebhook(long DeliveryId);

/// <summary>
/// Bring one merchant's Meta catalog up to date: read the status of batches Meta is applying, then send every product
/// due. Carries only the merchant: what to send is read at run time, so a redelivered or late job sends the products'
/// state as it is then, never a stale one.
/// </summary>
[MessageIdentity("AiSales.Core.Messaging.SyncMetaCatalog")]
public sealed record SyncMetaCatalog(Guid MerchantId);

/// <summary>Send one capi_events row to Meta. Safe to deliver twice.</summary>
[MessageIdentity("AiSales.Core.Messaging.SendConversionEvent")]
public sealed record SendConversionEvent(long EventId);

/// <summary>
/// Read one lead form submission's answers from Graph and make its contact. Sent in the webhook event's transaction;
/// a throttled read sends it again, delayed, in the transaction that records the attempt. Handled again after it
/// finished, it finds the submission no longer pending and does nothing.
/// </summary>
[MessageIdentity("AiSales.Core.Messaging.FetchLeadForm")]
public sealed record FetchLeadForm(Guid SubmissionId);
