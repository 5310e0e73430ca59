using AiSales.Core.Channels;
using AiSales.Core.Sending.Transports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Core.LeadAds;

/// <summary>The outcome of one Graph lead read: the lead, or the classified failure (<see cref="GraphErrorClassifier"/>).</summary>
public sealed record LeadRead(LeadRecord? Lead, SendOutcome Outcome, string? ErrorCode, string? Error, TimeSpan? RetryAfter)
{
    public static LeadRead Ok(LeadRecord lead) => new(lead, SendOutcome.Sent, null, null, null);
}

/// <summary>
/// The codes a lead read stores beside Meta's own (lead_form_submissions.last_error_code), which the Lead ads page
/// explains: Meta's code as a number, an HTTP status without Graph's envelope as http_&lt;status&gt;, or one of these.
/// </summary>
public static class LeadReadCodes
{
    public const string NoToken = "no_token";
    public const string NotMetaChannel = "not_meta_channel";
    public const string BadResponse = "bad_response";
    public const string NoAnswer = "no_answer";
    public const string DeadLettered = "dead_lettered";
    public const string HttpPrefix = "http_";
}

/// <summary>
/// GET /{version}/{leadgen_id}?fields=… on graph.facebook.com with the Page token in the Authorization header (never in
/// the URL, which gets logged). Uses the channels' Graph client, so its timeout and connect-only retries apply; the
/// caller decides what to do with a throttle or a dead token. Never logs the token or the answers.
/// </summary>
public sealed class LeadGraphClient(IHttpClientFactory clients, IOptions<MetaOptions> endpoints, TimeProvider clock,
    ILogger<LeadGraphClient> logger)
{
    /// <summary>
    /// campaign/ad set ids need ad-account access and are then simply left out (FACTS A5), so asking is harmless.
    /// </summary>
    public const string Fields = "created_time,id,ad_id,adset_id,campaign_id,form_id,field_data";

    public async Task<LeadRead> ReadAsync(string leadgenId, ChannelCredentials credentials, CancellationToken ct)
    {
        var client = clients.CreateClient(ChannelHttpClients.Graph);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{endpoints.Value.GraphApiVersion}/{Uri.EscapeDataString(leadgenId)}?fields={Fields}");
        request.Headers.Authorization = new("Bearer", credentials.AccessToken);
        try
        {
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                if (LeadRecord.Parse(body) is { } lead) return LeadRead.Ok(lead);
                logger.LogWarning("Graph answered the read of lead {LeadgenId} with HTTP {Status} but no lead object", leadgenId, (int)response.StatusCode);
                return new LeadRead(null, SendOutcome.Failed, LeadReadCodes.BadResponse, "Meta answered without the lead's data.", null);
            }
            var result = GraphErrorClassifier.Classify(response.StatusCode, body, response.Headers.RetryAfter, clock.GetUtcNow());
            logger.LogWarning("Graph refused the read of lead {LeadgenId}: HTTP {Status}, code {Code}, outcome {Outcome}",
                leadgenId, (int)response.StatusCode, result.ErrorCode, result.Outcome);
            // Only Meta's own Retry-After counts as a floor for the next read; the classifier's defaults are for sends.
            return new LeadRead(null, result.Outcome, result.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                ?? $"{LeadReadCodes.HttpPrefix}{(int)response.StatusCode}", result.ErrorMessage, response.Headers.RetryAfter?.Delta);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            // No answer (timeout, connection refused, open breaker): a read is safe to repeat.
            logger.LogWarning("Graph read of lead {LeadgenId} got no answer: {Error}", leadgenId, ex.GetType().Name);
            return new LeadRead(null, SendOutcome.RetryLater, LeadReadCodes.NoAnswer, "Meta did not answer in time.", null);
        }
    }
}
