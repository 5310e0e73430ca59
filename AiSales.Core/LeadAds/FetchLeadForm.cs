namespace AiSales.Core.LeadAds;

/// <summary>
/// Queue message (integrations queue): read one lead form submission's answers from Graph and make its contact.
/// Sent in the webhook event's transaction; a throttled read sends it again, delayed, in the transaction that
/// records the attempt. Handled again after it finished, it finds the submission no longer pending and does nothing.
/// </summary>
public sealed record FetchLeadForm(Guid SubmissionId);
