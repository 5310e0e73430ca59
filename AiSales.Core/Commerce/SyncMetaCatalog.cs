namespace AiSales.Core.Commerce;

/// <summary>
/// Queue message (integrations): bring one merchant's Meta catalog up to date — read the status of batches Meta is
/// applying, then send every product due. Carries only the merchant: what to send is read at run time, so a redelivered
/// or late job sends the products' state as it is then, never a stale one.
/// </summary>
public sealed record SyncMetaCatalog(Guid MerchantId);
