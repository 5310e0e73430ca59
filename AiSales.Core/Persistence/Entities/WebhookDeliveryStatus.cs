namespace AiSales.Core.Persistence.Entities;

/// <summary>Processing state of one raw webhook POST.</summary>
public enum WebhookDeliveryStatus
{
    Received,
    Processed,
    Failed
}
