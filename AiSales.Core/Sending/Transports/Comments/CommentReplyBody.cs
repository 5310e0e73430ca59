using System.Text.Json;
using System.Text.Json.Nodes;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.Transports.Comments;

/// <summary>
/// A public reply under a comment (FACTS §5.3): Instagram <c>POST /{version}/{ig-comment-id}/replies</c>, Facebook Page
/// <c>POST /{version}/{comment-id}/comments</c>, both with <c>{"message": text}</c> and answering <c>{"id": new comment id}</c>.
/// Graph takes the same parameters as a JSON body or as a query string; JSON keeps the text out of URLs (and logs).
/// Unlike the Send API there is no <c>metadata</c> to echo back, so an unknown outcome can only be settled by a person.
/// </summary>
public static class CommentReplyBody
{
    /// <summary>Instagram's comment limit (2,200 characters); Facebook allows more, so this one bound serves both.</summary>
    public const int MaxTextLength = 2200;

    public static (string? Path, JsonObject? Body, string? Problem) Build(SendRequest send, string graphVersion)
    {
        if (send.Platform == ChannelPlatform.WhatsApp)
            return (null, null, "WhatsApp has no comments to reply to.");
        if (!string.IsNullOrEmpty(send.AttachmentUrl))
            return (null, null, "A public comment reply carries text only.");
        if (string.IsNullOrWhiteSpace(send.Text))
            return (null, null, "The comment reply has no text.");
        if (send.Text.Length > MaxTextLength)
            return (null, null, $"A comment reply is limited to {MaxTextLength} characters.");
        if (string.IsNullOrWhiteSpace(send.Recipient))
            return (null, null, "The comment reply names no comment.");

        var edge = send.Platform == ChannelPlatform.Instagram ? "replies" : "comments";
        var path = $"{graphVersion}/{Uri.EscapeDataString(send.Recipient)}/{edge}";
        return (path, new JsonObject { ["message"] = send.Text }, null);
    }

    /// <summary>
    /// Sends the public reply: builds it (<see cref="Build"/>) and POSTs it through <paramref name="transport"/> on the
    /// named host client (the one matching the token flavour), or fails without a request when it cannot be built.
    /// The one place both the Instagram and the Messenger sender send a comment reply.
    /// </summary>
    public static Task<SendResult> PostAsync(
        GraphMessagesTransport transport,
        string clientName,
        string graphVersion,
        SendRequest send,
        ChannelCredentials creds,
        CancellationToken ct)
    {
        var (path, body, problem) = Build(send, graphVersion);
        return body is null
            ? Task.FromResult(SendResult.Failed(problem!))
            : transport.PostAsync(clientName, path!, body, send, creds, ReadCommentId, ct);
    }

    /// <summary>Success body <c>{"id": "..."}</c>: the id of the reply comment.</summary>
    public static string? ReadCommentId(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
