using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Sending.Windows;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiSales.Tests.Sending;

/// <summary>
/// Replies to a customer's comment through the real Worker and the Graph fake: one private reply per comment within
/// 7 days (a second one is refused with a reason, even when both are queued at once), and public replies under the
/// comment on Instagram (/replies) and Facebook (/comments).
/// </summary>
public sealed class CommentReplyTests
{
    private static async Task<EndToEndHost> StartAsync()
    {
        var host = new EndToEndHost();
        await host.InitializeAsync();
        return host;
    }

    private static Task StopAsync(EndToEndHost host) => ((IAsyncLifetime)host).DisposeAsync();

    /// <summary>
    /// A conversation opened by a DM (answered by the AI), plus the customer's comment on a post in it, stored as the
    /// pipeline stores comments (inbound, kind comment, comment_id).
    /// </summary>
    private static async Task<Guid> ConversationWithCommentAsync(EndToEndHost host, ChannelPlatform platform, string customer, string commentId, DateTimeOffset commentAt)
    {
        var body = platform == ChannelPlatform.Instagram
            ? EndToEndHost.IgText($"mid.{customer}", customer, "هلو", DateTimeOffset.UtcNow)
            : EndToEndHost.MessengerText($"mid.{customer}", customer, "هلو", DateTimeOffset.UtcNow);
        await host.DeliverAsync(platform, body);
        await Eventually.UntilAsync(async () => await host.ScalarAsync<long>(
            "SELECT count(*) FROM outbound_sends WHERE state IN ('sent', 'failed')") >= 1, "the AI's DM reply settled");
        await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

        var conv = (await host.RowsAsync("SELECT c.id, c.channel_account_id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.external_id = $1", customer))[0];
        await host.ExecAsync("""
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, comment_id, external_timestamp, status)
            VALUES ($1, $2, $3, 'inbound', 'customer', 'comment', 'بيش هذا؟', $4, $4, $5, 'received')
            """, host.MerchantId, conv["id"], conv["channel_account_id"], commentId, commentAt);
        return (Guid)conv["id"]!;
    }

    private static Task<List<Dictionary<string, object?>>> SendRowAsync(EndToEndHost host, Guid messageId) => host.RowsAsync("""
        SELECT m.status, m.status_detail, m.error_code, m.external_id, m.comment_id, m.kind, s.state, s.messaging_type, s.endpoint_class, s.external_message_id
        FROM messages m JOIN outbound_sends s ON s.message_id = m.id WHERE m.id = $1
        """, messageId);

    private static async Task WaitSettledAsync(EndToEndHost host, params Guid[] ids) =>
        await Eventually.UntilAsync(async () => await host.ScalarAsync<long>(
            "SELECT count(*) FROM outbound_sends WHERE message_id = ANY($1) AND state IN ('sent', 'failed')", (object)ids) == ids.Length,
            "comment replies settled");

    [Fact]
    public async Task Only_one_private_reply_per_comment_goes_out_even_when_two_are_queued_at_once()
    {
        var host = await StartAsync();
        try
        {
            var conversation = await ConversationWithCommentAsync(host, ChannelPlatform.Instagram, "5201", "17900000000000001", DateTimeOffset.UtcNow.AddDays(-6));
            var queue = host.Services.GetRequiredService<CommentReplyQueue>();

            var first = queue.QueuePrivateReplyAsync(host.MerchantId, conversation, "17900000000000001", "هلا، السعر 25 ألف", MessageAuthor.Human, null, default);
            var second = queue.QueuePrivateReplyAsync(host.MerchantId, conversation, "17900000000000001", "هلا مرة ثانية", MessageAuthor.Human, null, default);
            var ids = await Task.WhenAll(first, second);
            await WaitSettledAsync(host, ids);
            await host.WaitForQueueIdleAsync(typeof(SendMessage));

            var privateReplies = host.Graph.Requests.Where(r => r.Json is { } j && j.TryGetProperty("recipient", out var rec) && rec.TryGetProperty("comment_id", out _)).ToList();
            var request = Assert.Single(privateReplies);
            Assert.Equal($"/v24.0/{EndToEndHost.IgAccount}/messages", request.Path);
            Assert.Equal("17900000000000001", request.Json!.Value.GetProperty("recipient").GetProperty("comment_id").GetString());

            var rows = new List<Dictionary<string, object?>>();
            foreach (var id in ids) rows.Add(Assert.Single(await SendRowAsync(host, id)));
            var sent = Assert.Single(rows, r => (string)r["state"]! == "sent");
            Assert.Equal("private_reply", sent["messaging_type"]);
            Assert.Equal("17900000000000001", sent["comment_id"]);
            var refused = Assert.Single(rows, r => (string)r["state"]! == "failed");
            Assert.Equal("failed", refused["status"]);
            Assert.Equal(SendStatusDetail.OutsideWindow(WindowBlockReason.PrivateReplyAlreadySent), refused["status_detail"]);
            Assert.Equal(WindowBlockReason.PrivateReplyAlreadySent, refused["error_code"]);

            // A third one, queued after the first went out, is refused by the planner before any call.
            var third = await queue.QueuePrivateReplyAsync(host.MerchantId, conversation, "17900000000000001", "ثالثة", MessageAuthor.Human, null, default);
            await WaitSettledAsync(host, third);
            Assert.Equal(SendStatusDetail.OutsideWindow(WindowBlockReason.PrivateReplyAlreadySent), (await SendRowAsync(host, third))[0]["status_detail"]);
            Assert.Single(host.Graph.Requests, r => r.Json is { } j && j.TryGetProperty("recipient", out var rec) && rec.TryGetProperty("comment_id", out _));

            // Had the first one ended as an unknown outcome (failed, never resent), it may still have reached the customer:
            // it keeps counting as the comment's one private reply.
            var sentId = ids.Single(i => rows[Array.IndexOf(ids, i)]["state"] is "sent");
            await host.ExecAsync("UPDATE outbound_sends SET state = 'failed', last_error_code = 'outcome_unknown' WHERE message_id = $1", sentId);
            var fourth = await queue.QueuePrivateReplyAsync(host.MerchantId, conversation, "17900000000000001", "رابعة", MessageAuthor.Human, null, default);
            await WaitSettledAsync(host, fourth);
            Assert.Equal(SendStatusDetail.OutsideWindow(WindowBlockReason.PrivateReplyAlreadySent), (await SendRowAsync(host, fourth))[0]["status_detail"]);
            Assert.Single(host.Graph.Requests, r => r.Json is { } j && j.TryGetProperty("recipient", out var rec) && rec.TryGetProperty("comment_id", out _));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_private_reply_to_a_comment_older_than_7_days_is_refused_without_a_call()
    {
        var host = await StartAsync();
        try
        {
            var conversation = await ConversationWithCommentAsync(host, ChannelPlatform.Instagram, "5202", "17900000000000002", DateTimeOffset.UtcNow.AddDays(-7).AddMinutes(-5));
            var before = host.Graph.Requests.Count;

            var id = await host.Services.GetRequiredService<CommentReplyQueue>()
                .QueuePrivateReplyAsync(host.MerchantId, conversation, "17900000000000002", "هلا", MessageAuthor.Human, null, default);
            await WaitSettledAsync(host, id);

            var row = Assert.Single(await SendRowAsync(host, id));
            Assert.Equal("failed", row["state"]);
            Assert.Equal(SendStatusDetail.OutsideWindow(WindowBlockReason.PrivateReplyExpired), row["status_detail"]);
            Assert.Equal(before, host.Graph.Requests.Count);
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Theory]
    [InlineData("instagram", "17900000000000003", "replies")]
    [InlineData("messenger", "100000000000001_200000000000003", "comments")]
    public async Task A_public_reply_goes_under_the_comment_exactly_once(string platformName, string commentId, string edge)
    {
        var host = await StartAsync();
        try
        {
            var platform = platformName == "instagram" ? ChannelPlatform.Instagram : ChannelPlatform.Messenger;
            // A comment older than 7 days: public replies have no messaging window.
            var conversation = await ConversationWithCommentAsync(host, platform, "5203", commentId, DateTimeOffset.UtcNow.AddDays(-9));

            var id = await host.Services.GetRequiredService<CommentReplyQueue>()
                .QueuePublicReplyAsync(host.MerchantId, conversation, commentId, "متوفر، راسلنا خاص", MessageAuthor.Human, null, default);
            await WaitSettledAsync(host, id);
            await host.WaitForQueueIdleAsync(typeof(SendMessage));

            var request = Assert.Single(host.Graph.Requests, r => r.Path.EndsWith($"/{edge}", StringComparison.Ordinal));
            Assert.Equal($"/v24.0/{commentId}/{edge}", request.Path);
            Assert.Equal(platform == ChannelPlatform.Instagram ? EndToEndHost.IgToken : EndToEndHost.PageToken, request.BearerToken);
            Assert.Equal("متوفر، راسلنا خاص", request.Json!.Value.GetProperty("message").GetString());
            Assert.Equal("", request.Query); // text and token stay out of the URL

            var row = Assert.Single(await SendRowAsync(host, id));
            Assert.Equal("sent", row["state"]);
            Assert.Equal("sent", row["status"]);
            Assert.Equal("comment", row["kind"]);
            Assert.Equal("response", row["messaging_type"]);
            Assert.Equal(SendRequestMapper.CommentReplyEndpointClass, row["endpoint_class"]);
            Assert.StartsWith($"{commentId}_reply", (string)row["external_message_id"]!);
            Assert.Equal(row["external_message_id"], row["external_id"]);
            Assert.Equal("human", await host.ScalarAsync<string>("SELECT owner FROM conversations WHERE id = $1", conversation));

            await host.InvokeAsync(new SendMessage(id));
            Assert.Single(host.Graph.Requests, r => r.Path.EndsWith($"/{edge}", StringComparison.Ordinal));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_reply_to_a_comment_that_is_not_in_the_conversation_is_refused_at_queue_time()
    {
        var host = await StartAsync();
        try
        {
            var conversation = await ConversationWithCommentAsync(host, ChannelPlatform.Instagram, "5204", "17900000000000004", DateTimeOffset.UtcNow);
            var queue = host.Services.GetRequiredService<CommentReplyQueue>();

            await Assert.ThrowsAsync<KeyNotFoundException>(() =>
                queue.QueuePublicReplyAsync(host.MerchantId, conversation, "someone-elses-comment", "hi", MessageAuthor.Human, null, default));
            await Assert.ThrowsAsync<KeyNotFoundException>(() =>
                queue.QueuePrivateReplyAsync(Guid.NewGuid(), conversation, "17900000000000004", "hi", MessageAuthor.Human, null, default));
            Assert.Equal(0L, await host.ScalarAsync<long>("SELECT count(*) FROM messages WHERE comment_id IS NOT NULL AND direction = 'outbound'"));
        }
        finally
        {
            await StopAsync(host);
        }
    }
}
