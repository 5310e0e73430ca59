using AiSales.Core.LeadAds;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;
using Microsoft.Extensions.Options;
using ChannelProvider = AiSales.Core.Persistence.Entities.ChannelProvider;

namespace AiSales.Worker.LeadAds;

/// <summary>
/// Reads one lead form submission's answers from Graph with the Page token and makes its contact (integrations queue).
/// Throttles (4, 17, 32, 80001, 80005…), 5xx and timeouts are read again later with backoff, up to
/// <see cref="LeadAdsOptions.MaxAttempts"/>; a dead token (190) fails the submission and marks the channel
/// needs_reconnect, as a send does; anything else (an id Graph does not know, a missing leads_retrieval permission)
/// fails it with Meta's reason. Every end state is on the submission row, where the dashboard shows it. A lead read is
/// then greeted on WhatsApp when the merchant chose a greeting template (<see cref="LeadGreeter"/>).
/// </summary>
public sealed class FetchLeadFormHandler(
    LeadFormStore store,
    LeadGraphClient graph,
    IServiceScopeFactory scopes,
    IOptions<LeadAdsOptions> options,
    ILogger<FetchLeadFormHandler> logger)
{
    public async Task Handle(FetchLeadForm message, CancellationToken ct)
    {
        var pending = await store.LoadAsync(message.SubmissionId, ct);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["LeadSubmissionId"] = message.SubmissionId, ["MerchantId"] = pending?.MerchantId ?? Guid.Empty,
        });
        if (pending is { Status: LeadFormStatuses.Fetched })
        {
            // Read before, but the greeting may not have been decided (the Worker stopped in between): it is once-only.
            await GreetAsync(pending, ct);
            return;
        }
        if (pending is null || pending.Status != LeadFormStatuses.Pending)
        {
            logger.LogInformation("Lead submission {LeadSubmissionId}: gone or already {Status}", message.SubmissionId, pending?.Status);
            return;
        }
        if (pending.Provider != ChannelProvider.Meta)
        {
            await store.FailAsync(pending, LeadReadCodes.NotMetaChannel,
                "This Page is not connected to Meta directly (sandbox or ManyChat), so its leads cannot be read.", false, ct);
            return;
        }
        if (pending.Credentials is null)
        {
            await store.FailAsync(pending, LeadReadCodes.NoToken, "The Page has no usable access token: reconnect it.", true, ct);
            logger.LogWarning("Lead {LeadgenId}: the Page has no usable token; channel marked needs_reconnect", pending.LeadgenId);
            return;
        }

        var read = await graph.ReadAsync(pending.LeadgenId, pending.Credentials, ct);
        switch (read.Outcome)
        {
            case SendOutcome.Sent when read.Lead is { } lead:
                var contactId = await store.CompleteAsync(pending, lead, ct);
                logger.LogInformation("Lead {LeadgenId} fetched: {AnswerCount} answers, contact {ContactId}",
                    pending.LeadgenId, lead.Answers.Count, contactId);
                if (contactId is not null) await GreetAsync(pending, ct);
                return;
            case SendOutcome.WaitForReconnect:
                await store.FailAsync(pending, read.ErrorCode, read.Error, true, ct);
                logger.LogWarning("Lead {LeadgenId}: the Page token was refused (code {Code}); channel marked needs_reconnect",
                    pending.LeadgenId, read.ErrorCode);
                return;
            case SendOutcome.RetryLater when pending.Attempts + 1 < options.Value.MaxAttempts:
                var delay = options.Value.DelayAfter(pending.Attempts + 1, read.RetryAfter);
                await store.RetryAsync(pending, read.ErrorCode, read.Error, delay, ct);
                logger.LogInformation("Lead {LeadgenId}: read {Attempt} refused for now (code {Code}); again in {Delay}",
                    pending.LeadgenId, pending.Attempts + 1, read.ErrorCode, delay);
                return;
            default:
                await store.FailAsync(pending, read.ErrorCode, read.Error, false, ct);
                logger.LogWarning("Lead {LeadgenId}: read failed for good after {Attempts} attempts (code {Code})",
                    pending.LeadgenId, pending.Attempts + 1, read.ErrorCode);
                return;
        }
    }

    // Resolved per call rather than injected: the greeter reads through MerchantData, a scoped service (as the staff handler).
    private async Task GreetAsync(PendingLead pending, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LeadGreeter>().GreetAsync(pending.MerchantId, pending.Id, ct);
    }
}
