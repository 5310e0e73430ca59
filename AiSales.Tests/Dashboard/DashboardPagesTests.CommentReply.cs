using System.Net;
using System.Text.RegularExpressions;

namespace AiSales.Tests.Dashboard;

/// <summary>Replying to a customer's comment from the inbox: the form on comment bubbles and its POST endpoint.</summary>
public sealed partial class DashboardPagesTests
{
    private async Task<(Guid Conversation, string CommentId)> CommentOfAsync(Guid merchantId)
    {
        var conversation = await Db.ScalarAsync<Guid>(
            $"SELECT conversation_id FROM messages WHERE merchant_id = '{merchantId}' AND kind = 'comment' AND direction = 'inbound' ORDER BY created_at LIMIT 1");
        var comment = await Db.ScalarAsync<string>(
            $"SELECT comment_id FROM messages WHERE conversation_id = '{conversation}' AND kind = 'comment' AND direction = 'inbound' LIMIT 1");
        return (conversation, comment);
    }

    private static async Task<HttpResponseMessage> PostCommentReplyAsync(HttpClient client, Guid conversation, string commentId, string text, string visibility)
    {
        var token = await TokenAsync(client, $"/inbox/{conversation}");
        return await client.PostAsync($"/inbox/{conversation}/comments/{commentId}/reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["text"] = text, ["visibility"] = visibility, ["__RequestVerificationToken"] = token,
        }));
    }

    [Fact]
    public async Task Thread_shows_the_comment_reply_form_on_comment_bubbles_only()
    {
        using var client = await SignedInAsync();
        var (conversation, commentId) = await CommentOfAsync(DashboardAppFactory.DemoMerchantId);
        var html = await client.GetStringAsync($"/inbox/{conversation}");

        var bubbles = Regex.Matches(html, "<div class=\"msg [^\"]*\" data-testid=\"message\" data-kind=\"([a-z_]+)\"").Select(m => (m.Index, Kind: m.Groups[1].Value)).ToList();
        Assert.Contains(bubbles, b => b.Kind == "comment");
        Assert.Contains(bubbles, b => b.Kind == "text");
        var forms = Regex.Matches(html, "data-testid=\"comment-reply-form\"").Select(m => m.Index).ToList();
        Assert.Single(forms); // only the one inbound comment, none on the DM bubbles
        var owner = bubbles.Last(b => b.Index < forms[0]);
        Assert.Equal("comment", owner.Kind);
        Assert.Contains($"action=\"/inbox/{conversation}/comments/{commentId}/reply\"", html);
        Assert.Contains("رد علني", html); // Arabic first
        Assert.Contains("رد خاص", html);

        await SwitchToEnglishAsync(client);
        var english = await client.GetStringAsync($"/inbox/{conversation}");
        Assert.Contains("Reply publicly", english);
        Assert.Contains("Reply privately", english);
    }

    [Fact]
    public async Task Public_comment_reply_queues_a_comment_reply_send()
    {
        using var client = await SignedInAsync();
        var (conversation, commentId) = await CommentOfAsync(DashboardAppFactory.DemoMerchantId);
        var text = $"public-{Guid.NewGuid():N}";
        var response = await PostCommentReplyAsync(client, conversation, commentId, text, "public");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/inbox/{conversation}", response.Headers.Location?.OriginalString);
        Assert.Equal($"{commentId}|human|outbound|pending|comment_reply|response", await Db.ScalarAsync<string>($"""
            SELECT m.comment_id || '|' || m.author || '|' || m.direction || '|' || s.state || '|' || s.endpoint_class || '|' || s.messaging_type
            FROM messages m JOIN outbound_sends s ON s.message_id = m.id WHERE m.text = '{text}' AND m.conversation_id = '{conversation}'
            """));
        // Audited like a DM reply: the message, the comment it answers and how.
        Assert.Equal($"conversation.human_reply|{commentId}|public", await Db.ScalarAsync<string>($"""
            SELECT a.action || '|' || (a.details->>'comment_id') || '|' || (a.details->>'visibility')
            FROM audit_log a JOIN messages m ON a.entity_id = m.id::text WHERE m.text = '{text}'
            """));
    }

    [Fact]
    public async Task Private_comment_reply_queues_a_private_reply()
    {
        using var client = await SignedInAsync();
        var (conversation, commentId) = await CommentOfAsync(DashboardAppFactory.DemoMerchantId);
        var text = $"private-{Guid.NewGuid():N}";
        var response = await PostCommentReplyAsync(client, conversation, commentId, text, "private");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{commentId}|private_reply", await Db.ScalarAsync<string>(
            $"SELECT m.comment_id || '|' || s.messaging_type FROM messages m JOIN outbound_sends s ON s.message_id = m.id WHERE m.text = '{text}'"));
    }

    [Fact]
    public async Task Empty_comment_reply_goes_back_to_the_thread_and_queues_nothing()
    {
        using var client = await SignedInAsync();
        var (conversation, commentId) = await CommentOfAsync(DashboardAppFactory.DemoMerchantId);
        var count = $"SELECT count(*) FROM messages WHERE conversation_id = '{conversation}' AND direction = 'outbound'";
        var before = await Db.ScalarAsync<long>(count);
        var response = await PostCommentReplyAsync(client, conversation, commentId, "   ", "public");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/inbox/{conversation}", response.Headers.Location?.OriginalString);
        Assert.Equal(before, await Db.ScalarAsync<long>(count));
    }

    [Fact]
    public async Task Comment_reply_to_another_merchants_conversation_is_404_and_queues_nothing()
    {
        using var client = await SignedInAsync();
        var (foreign, foreignComment) = await CommentOfAsync(DashboardAppFactory.OtherMerchantId);
        var (own, _) = await CommentOfAsync(DashboardAppFactory.DemoMerchantId);
        var text = $"foreign-{Guid.NewGuid():N}";
        var token = await TokenAsync(client, $"/inbox/{own}");
        foreach (var visibility in new[] { "public", "private" })
        {
            var response = await client.PostAsync($"/inbox/{foreign}/comments/{foreignComment}/reply", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["text"] = text, ["visibility"] = visibility, ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        // A comment id that is not in the merchant's own conversation is refused the same way.
        var unknown = await PostCommentReplyAsync(client, own, "no-such-comment", text, "public");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0L, await Db.ScalarAsync<long>($"SELECT count(*) FROM messages WHERE text = '{text}'"));
    }
}
