using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiSales.Core.Channels;
using Microsoft.Extensions.Options;

namespace AiSales.Dashboard.Channels;

/// <summary>A Facebook page the user manages, with its page token and, when linked, its Instagram professional account.</summary>
public sealed record MetaPageAccount(string PageId, string Name, string PageAccessToken, string? InstagramAccountId);

public sealed record MetaOAuthResult(bool Ok, IReadOnlyList<MetaPageAccount> Accounts, string? Error);

/// <summary>
/// "Connect with Meta": the Facebook Login dialog URL, the code-for-token exchange and the list of the user's pages
/// (and their Instagram accounts). Base URLs come from Meta:GraphApiBaseUrl / Meta:OAuthDialogBaseUrl so tests point
/// them at a local fake. Secrets travel in the POST body and the Authorization header, never in a URL, because
/// HttpClient logs request URLs.
/// </summary>
public sealed class MetaOAuthClient(HttpClient http, IOptions<MetaOptions> meta, ILogger<MetaOAuthClient> logger)
{
    public const string Scopes = "pages_show_list,pages_messaging,pages_manage_metadata,instagram_basic,instagram_manage_messages,business_management";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    public bool Configured => !string.IsNullOrWhiteSpace(meta.Value.AppId) && meta.Value.AppSecrets.Any(s => !string.IsNullOrEmpty(s));

    public string DialogUrl(string redirectUri, string state)
    {
        var dialogBase = meta.Value.OAuthDialogBaseUrl.TrimEnd('/');
        return $"{dialogBase}/{meta.Value.GraphApiVersion}/dialog/oauth?client_id={Uri.EscapeDataString(meta.Value.AppId ?? "")}" +
               $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&state={Uri.EscapeDataString(state)}&response_type=code&scope={Uri.EscapeDataString(Scopes)}";
    }

    public async Task<MetaOAuthResult> ExchangeAndListAsync(string code, string redirectUri, CancellationToken ct = default)
    {
        if (!Configured) return new(false, [], "Meta:AppId and Meta:AppSecrets:0 are required for Connect with Meta.");
        var o = meta.Value;
        var graph = $"{o.GraphApiBaseUrl.TrimEnd('/')}/{o.GraphApiVersion}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CallTimeout);
        try
        {
            using var exchange = await http.PostAsync($"{graph}/oauth/access_token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = o.AppId!, ["client_secret"] = o.AppSecrets.First(s => !string.IsNullOrEmpty(s)),
                ["redirect_uri"] = redirectUri, ["code"] = code,
            }), timeout.Token);
            var tokenBody = await exchange.Content.ReadAsStringAsync(timeout.Token);
            if (!exchange.IsSuccessStatusCode) return new(false, [], $"Token exchange failed ({(int)exchange.StatusCode}): {GraphMessage(tokenBody)}");
            var token = JsonSerializer.Deserialize<TokenResponse>(tokenBody)?.AccessToken;
            if (string.IsNullOrEmpty(token)) return new(false, [], "Token exchange answered without an access_token.");

            using var request = new HttpRequestMessage(HttpMethod.Get, $"{graph}/me/accounts?fields=id,name,access_token,instagram_business_account&limit=100");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var list = await http.SendAsync(request, timeout.Token);
            var listBody = await list.Content.ReadAsStringAsync(timeout.Token);
            if (!list.IsSuccessStatusCode) return new(false, [], $"Listing pages failed ({(int)list.StatusCode}): {GraphMessage(listBody)}");
            var pages = JsonSerializer.Deserialize<AccountsResponse>(listBody)?.Data ?? [];
            return new(true, [.. pages.Where(p => p.Id is not null && p.AccessToken is not null)
                .Select(p => new MetaPageAccount(p.Id!, p.Name ?? p.Id!, p.AccessToken!, p.Instagram?.Id))], null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Meta OAuth call failed: {Error}", e.Message);
            return new(false, [], $"Meta did not answer: {e.Message}");
        }
    }

    private static string GraphMessage(string body)
    {
        try { return JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString() ?? body; }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { return body.Length > 200 ? body[..200] : body; }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string? AccessToken);
    private sealed record AccountsResponse([property: JsonPropertyName("data")] List<PageJson>? Data);
    private sealed record PageJson(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("instagram_business_account")] IdJson? Instagram);
    private sealed record IdJson([property: JsonPropertyName("id")] string? Id);
}
