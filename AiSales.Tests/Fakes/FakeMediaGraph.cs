using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>
/// Customer media on the Graph fake. WhatsApp: GET /{version}/{media-id} with a Bearer token answers the media object as
/// Cloud API does ({"messaging_product","url","mime_type","sha256","file_size","id"}), and GET of that url answers the
/// bytes, again only with a Bearer token. Instagram/Messenger: <see cref="CdnUrl"/> is a link like an attachment's on
/// Meta's CDN (no token needed). Register media with <see cref="AddMedia"/>.
/// </summary>
public sealed partial class FakeGraphApi
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string Type)> _media = new(StringComparer.Ordinal);

    /// <summary>Registers media under a WhatsApp media id (also its CDN key).</summary>
    public void AddMedia(string id, byte[] bytes, string mimeType = "image/jpeg") => _media[id] = (bytes, mimeType);

    /// <summary>The fake CDN link of media registered under <paramref name="id"/>.</summary>
    public string CdnUrl(string id) => $"{BaseUrl}/cdn/{Uri.EscapeDataString(id)}?signature=FAKE";

    /// <summary>Requests for media bytes (the CDN), in order.</summary>
    public IReadOnlyList<RecordedRequest> CdnReads => [.. Requests.Where(r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal))];

    private bool IsMediaRead(string id) => _media.ContainsKey(id);

    private async Task AnswerMediaAsync(HttpContext context, string id)
    {
        var (bytes, type) = _media[id];
        await context.Response.WriteAsJsonAsync(new
        {
            messaging_product = "whatsapp", url = CdnUrl(id) + "&wa=1", mime_type = type,
            sha256 = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes)), file_size = bytes.Length, id,
        });
    }

    private void MapMedia(WebApplication app) =>
        app.MapGet("/cdn/{id}", async (HttpContext context, string id) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request) return;
            if (!_media.TryGetValue(id, out var media)) { context.Response.StatusCode = StatusCodes.Status404NotFound; return; }
            // WhatsApp's media URLs need the token; Instagram's CDN links carry their own signature.
            if (context.Request.Query.ContainsKey("wa") && !await AuthorizedAsync(context, request)) return;
            context.Response.ContentType = media.Type;
            await context.Response.Body.WriteAsync(media.Bytes);
        });
}
