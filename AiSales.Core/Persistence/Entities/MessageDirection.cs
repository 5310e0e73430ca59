namespace AiSales.Core.Persistence.Entities;

/// <summary>Inbound from the customer, outbound to the customer (including echoes of our own sends).</summary>
public enum MessageDirection
{
    Inbound,
    Outbound
}
