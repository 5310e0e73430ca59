using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AiSales.Core.Channels;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Media;

/// <summary>A customer's photo or voice note in memory, or why it could not be had (<see cref="Failure"/>: a stable code).</summary>
public sealed record FetchedMedia(byte[]? Bytes, string? ContentType, string? Failure)
{
    public static FetchedMedia Failed(string code) => new(null, null, code);
}

/// <summary>
/// Downloads a customer's media in the Worker (never on the webhook path). WhatsApp: GET /{version}/{media-id} on the
/// Graph with the channel's token gives a short-lived URL, fetched with the same token. Instagram and Messenger: the
/// attachment's own https link, on Meta's CDN only (<see cref="MediaFetchOptions.AllowedHosts"/>), without the token.
/// Redirects are followed by hand (three at most) so every hop is checked against the allowed hosts; a size over the
/// limit stops the download. Logs name the failure only: never the link, the token or anything about the content.
/// </summary>
public sealed class CustomerMediaFetcher(IHttpClientFactory clients, IOptions<MediaFetchOptions> options,
    IOptions<MetaOptions> endpoints, ILogger<CustomerMediaFetcher> logger)
{
    public const string ClientName = "media.fetch";

    /// <param name="reference">WhatsApp: the media id; Instagram/Messenger: the attachment's link.</param>
    public async Task<FetchedMedia> FetchAsync(ChannelPlatform platform, string reference, string? accessToken, bool audio, CancellationToken ct)
    {
        var limit = audio ? options.Value.MaxAudioBytes : options.Value.MaxImageBytes;
        try
        {
            if (platform == ChannelPlatform.WhatsApp && !reference.Contains("://", StringComparison.Ordinal))
            {
                if (string.IsNullOrEmpty(accessToken)) return Fail("no_token", platform);
                var (url, size, failure) = await MediaUrlAsync(reference, accessToken, ct);
                if (failure is not null) return Fail(failure, platform);
                if (size > limit) return Fail("too_large", platform);
                return await DownloadAsync(url!, accessToken, limit, platform, ct);
            }

            return await DownloadAsync(reference, null, limit, platform, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException or JsonException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return Fail("no_answer", platform);
        }
    }

    /// <summary>WhatsApp's media object: {"url","mime_type","file_size","id"}.</summary>
    private async Task<(string? Url, long Size, string? Failure)> MediaUrlAsync(string mediaId, string token, CancellationToken ct)
    {
        var graph = endpoints.Value;
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{graph.GraphApiBaseUrl.TrimEnd('/')}/{graph.GraphApiVersion}/{Uri.EscapeDataString(mediaId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) return (null, 0, StatusFailure(response.StatusCode));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var url = doc.RootElement.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        var size = doc.RootElement.TryGetProperty("file_size", out var s) && s.TryGetInt64(out var n) ? n : 0;
        return url is null ? (null, 0, "bad_response") : (url, size, null);
    }

    private async Task<FetchedMedia> DownloadAsync(string link, string? token, long limit, ChannelPlatform platform, CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        Uri.TryCreate(link, UriKind.Absolute, out var uri);
        for (var hop = 0; hop <= 3; hop++)
        {
            if (!options.Value.Allows(uri)) return Fail("host_not_allowed", platform);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } next)
            {
                uri = next.IsAbsoluteUri ? next : new Uri(uri!, next);
                continue;
            }
            if (!response.IsSuccessStatusCode) return Fail(StatusFailure(response.StatusCode), platform);
            if (response.Content.Headers.ContentLength > limit) return Fail("too_large", platform);

            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) return Fail("too_large", platform);
                buffer.Write(chunk, 0, read);
            }
            return new FetchedMedia(buffer.ToArray(), response.Content.Headers.ContentType?.MediaType, null);
        }
        return Fail("too_many_redirects", platform);
    }

    private static string StatusFailure(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound or HttpStatusCode.Gone => "not_found",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "unauthorized",
        _ => $"http_{(int)status}",
    };

    private FetchedMedia Fail(string code, ChannelPlatform platform)
    {
        logger.LogWarning("Customer media on {Platform} could not be fetched: {Failure}", platform, code);
        return FetchedMedia.Failed(code);
    }
}
