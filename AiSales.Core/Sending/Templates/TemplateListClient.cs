using AiSales.Core.Channels;
using AiSales.Core.Sending.Transports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Sending.Templates;

/// <summary>What reading a number's templates from Meta came to.</summary>
public sealed record TemplateListing(IReadOnlyList<TemplateBody.Listed> Templates, string? Problem, string? MetaMessage)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// <c>GET /{version}/{waba-id}/message_templates?fields=…&amp;limit=100</c> on graph.facebook.com, following
/// <c>paging.next</c> (at most <see cref="MaxPages"/> pages), with the number's token in the Authorization header, never
/// the URL. The channels' Graph client gives the timeout and the connect-only retries; WABA management calls are limited
/// to 200 an hour per WABA (FACTS §6), so the listing runs only when the merchant asks for it.
/// </summary>
public sealed class TemplateListClient(IHttpClientFactory clients, IOptions<MetaOptions> endpoints, TimeProvider clock,
    ILogger<TemplateListClient> logger)
{
    public const int MaxPages = 10;
    public const string Fields = "id,name,language,status,category,parameter_format,components";

    public async Task<TemplateListing> ListAsync(string wabaId, string accessToken, CancellationToken ct)
    {
        var client = clients.CreateClient(ChannelHttpClients.Graph);
        var all = new List<TemplateBody.Listed>();
        string? url = $"{endpoints.Value.GraphApiVersion}/{Uri.EscapeDataString(wabaId)}/message_templates?fields={Fields}&limit=100";
        for (var page = 0; url is not null && page < MaxPages; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new("Bearer", accessToken);
            try
            {
                using var response = await client.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    var refused = GraphErrorClassifier.Classify(response.StatusCode, body, response.Headers.RetryAfter, clock.GetUtcNow());
                    logger.LogWarning("Graph refused the template list of WABA {WabaId}: HTTP {Status}, code {Code}",
                        wabaId, (int)response.StatusCode, refused.ErrorCode);
                    var problem = refused.Outcome switch
                    {
                        SendOutcome.WaitForReconnect => TemplateSyncProblems.TokenRefused,
                        SendOutcome.RetryLater => TemplateSyncProblems.TryLater,
                        _ => refused.ErrorCode == 100 ? TemplateSyncProblems.WrongWaba : TemplateSyncProblems.Refused,
                    };
                    return new TemplateListing(all, problem, refused.ErrorMessage);
                }
                all.AddRange(TemplateBody.ParsePage(body, out var next));
                // Meta's next link is absolute and carries the cursor; keep only its path and query on our Graph host.
                url = next is not null && Uri.TryCreate(next, UriKind.Absolute, out var n) ? n.PathAndQuery.TrimStart('/') : null;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException
                or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException or System.Text.Json.JsonException)
            {
                logger.LogWarning("Template list of WABA {WabaId} got no usable answer: {Error}", wabaId, ex.GetType().Name);
                return new TemplateListing(all, TemplateSyncProblems.TryLater, null);
            }
        }
        return new TemplateListing(all, null, null);
    }
}

/// <summary>Why the templates could not be read; the dashboard words each in the merchant's language.</summary>
public static class TemplateSyncProblems
{
    public const string NotWhatsApp = "not_whatsapp";
    public const string NeedsWaba = "needs_waba_id";
    public const string NoToken = "no_token";
    public const string TokenRefused = "token_refused";
    public const string WrongWaba = "wrong_waba_id";
    public const string Refused = "refused";
    public const string TryLater = "try_later";
}
