using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>
/// Meta's Graph API for sends, on one host for both graph.facebook.com and graph.instagram.com:
/// POST /{version}/{id}/messages answers like Messenger/Instagram ({"recipient_id","message_id":"m_..."})
/// or, when the body says messaging_product "whatsapp", like WhatsApp Cloud
/// ({"messaging_product","contacts","messages":[{"id":"wamid..."}]}); POST /{version}/{comment-id}/replies (Instagram)
/// and /{version}/{comment-id}/comments (Facebook Page) answer {"id"}; GET /{version}/{id} (a profile lookup or token
/// check) answers {"id","name"}, or, asked for field_data, a lead ads lead (FakeLeadAdsGraph.cs); GET /{version}/{waba-id}/message_templates lists templates (FakeGraphTemplates.cs). A missing Bearer token or the token "expired" gets 401 with a 190 error envelope.
/// </summary>
public sealed partial class FakeGraphApi : FakeHttpService
{
    public const string ExpiredToken = "expired";

    private long _sequence;

    public static async Task<FakeGraphApi> StartNewAsync()
    {
        var fake = new FakeGraphApi();
        await fake.StartAsync();
        return fake;
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/{version}/{id}/messages", async (HttpContext context, string version, string id) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request) return;
            if (!await AuthorizedAsync(context, request)) return;
            var n = Interlocked.Increment(ref _sequence);
            var json = request.Json;

            if (json is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("messaging_product", out var p) && p.GetString() == "whatsapp")
            {
                var to = root.TryGetProperty("to", out var t) ? t.GetString() ?? "" : "";
                await context.Response.WriteAsJsonAsync(new
                {
                    messaging_product = "whatsapp",
                    contacts = new[] { new { input = to, wa_id = to.TrimStart('+') } },
                    messages = new[] { new { id = $"wamid.FAKE{n:D8}{id}" } },
                });
                return;
            }

            var recipient = json is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("recipient", out var rec) && rec.TryGetProperty("id", out var rid)
                ? rid.GetString()
                : null;
            await context.Response.WriteAsJsonAsync(new { recipient_id = recipient ?? $"commenter-{n}", message_id = $"m_FAKE{n:D8}" });
        });

        // Public comment replies: Instagram /{ig-comment-id}/replies, Facebook Page /{comment-id}/comments; both answer {"id"}.
        app.MapPost("/{version}/{commentId}/replies", CommentReplyAsync);
        app.MapPost("/{version}/{commentId}/comments", CommentReplyAsync);
        MapTemplates(app); // WhatsApp templates: FakeGraphTemplates.cs

        MapMedia(app);

        // A read: a profile lookup (/{psid}) or a token check (/me).
        app.MapGet("/{version}/{id}", async (HttpContext context, string version, string id) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request) return;
            if (!await AuthorizedAsync(context, request)) return;
            if (IsLeadRead(context)) { await AnswerLeadAsync(context, id); return; } // lead ads: FakeLeadAdsGraph.cs
            if (IsMediaRead(id)) { await AnswerMediaAsync(context, id); return; } // customer media: FakeMediaGraph.cs
            await context.Response.WriteAsJsonAsync(new { id, name = "Fake Profile" });
        });
    }

    private async Task CommentReplyAsync(HttpContext context, string version, string commentId)
    {
        if (await RecordAndApplyFaultsAsync(context) is not { } request) return;
        if (!await AuthorizedAsync(context, request)) return;
        await context.Response.WriteAsJsonAsync(new { id = $"{commentId}_reply{Interlocked.Increment(ref _sequence)}" });
    }

    private static async Task<bool> AuthorizedAsync(HttpContext context, RecordedRequest request)
    {
        // Graph also accepts ?access_token=; our adapters must never use it (URLs get logged), so the fake does not either.
        if (!string.IsNullOrEmpty(request.BearerToken) && request.BearerToken != ExpiredToken) return true;
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await context.Response.WriteAsJsonAsync(new
        {
            error = new
            {
                message = request.BearerToken is null
                    ? "An active access token must be used to query information about the current user."
                    : "Error validating access token: Session has expired.",
                type = "OAuthException",
                code = 190,
                error_subcode = request.BearerToken is null ? (int?)null : 463,
                fbtrace_id = "FAKEtrace",
            },
        });
        return false;
    }
}
