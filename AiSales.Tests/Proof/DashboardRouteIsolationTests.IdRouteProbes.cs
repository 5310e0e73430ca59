using System.Net;

namespace AiSales.Tests.Proof;

/// <summary>The probes of the routes that carry an id (an order, a channel, a conversation): B's ids answer 404 or
/// nothing of B, and forms aimed at them change nothing of B.</summary>
public sealed partial class DashboardRouteIsolationTests
{
    // ---- id routes ----------------------------------------------------------------------------------------------

    private async Task OrderGetAsync(DashboardRoute r)
    {
        await GetAsync("B's order", DashboardRoutes.Fill(r.Pattern, _bOrder), NotFoundOrForbidden);
        await GetAsync("unknown order", DashboardRoutes.Fill(r.Pattern, Guid.NewGuid()), NotFoundOrForbidden);
        var own = await GetAsync("A's order", DashboardRoutes.Fill(r.Pattern, _aOrder), [HttpStatusCode.OK]);
        if (!own.Contains("data-testid=\"order-detail\"") || !own.Contains("A-own-address")) Fail("A's own order does not render its detail");
    }

    private async Task OrderPostAsync(DashboardRoute r)
    {
        var url = DashboardRoutes.Fill(r.Pattern, _bOrder);
        foreach (var to in new[] { "cancelled", "shipped", "delivered" })
            await PostFormAsync($"move B's order to {to}", url, "status", new() { ["to"] = to }, NotFoundOrForbidden);
        // Sanity: the same form moves A's own order (so B's unchanged order above is isolation, not a form that never works).
        await PostFormAsync("move A's order", DashboardRoutes.Fill(r.Pattern, _aOrder), "status", new() { ["to"] = "shipped" }, HandledWithoutB);
        if (await Sql($"SELECT status FROM orders WHERE id = '{_aOrder}'") != "shipped") Fail("orders: the status form did not move A's own order");
    }


    private async Task ChannelHealthGetAsync(DashboardRoute r)
    {
        var aNumber = Guid.Parse(await Sql($"INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name) VALUES ('{RouteIsolationHost.A}', 'whatsapp', 'meta', '990000000000112', 'A own number') ON CONFLICT (platform, external_id) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id::text"));
        // B's WhatsApp number is refused the same way: DashboardPagesTests.A_WhatsApp_number_health_page… (B's data here must stay unchanged).
        await GetAsync("B's page health", DashboardRoutes.Fill(r.Pattern, _bMetaChannel), NotFoundOrForbidden);
        await GetAsync("unknown number health", DashboardRoutes.Fill(r.Pattern, Guid.NewGuid()), NotFoundOrForbidden);
        var own = await GetAsync("A's number health", DashboardRoutes.Fill(r.Pattern, aNumber), [HttpStatusCode.OK]);
        if (!own.Contains("data-testid=\"health-webhook\"")) Fail("A's own number does not render its health");
    }

    private async Task ConversationGetAsync(DashboardRoute r)
    {
        await GetAsync("B's conversation", DashboardRoutes.Fill(r.Pattern, _bConversation), NotFoundOrForbidden);
        await GetAsync("unknown conversation", DashboardRoutes.Fill(r.Pattern, Guid.NewGuid()), NotFoundOrForbidden);
        var own = await GetAsync("A's conversation", DashboardRoutes.Fill(r.Pattern, _aConversation), [HttpStatusCode.OK]);
        if (!own.Contains("data-testid=\"composer\"")) Fail("A's own conversation does not render its thread");
    }

    private async Task ConversationPostAsync(DashboardRoute r)
    {
        var url = DashboardRoutes.Fill(r.Pattern, _bConversation);
        await PostFormAsync("take over B's conversation", url, "owner", new() { ["to"] = "human" }, NotFoundOrForbidden);
        await PostFormAsync("hand back B's conversation", url, "owner", new() { ["to"] = "ai" }, NotFoundOrForbidden);
        await PostFormAsync("mark B's conversation read", url, "read", [], NotFoundOrForbidden);
        await PostFormAsync("reply in B's conversation", url, "reply", new() { ["text"] = "hello from A" }, NotFoundOrForbidden);
        await PostFormAsync("label B's conversation", url, "labels", new() { ["labels"] = "from-a", ["notes"] = "from A" }, NotFoundOrForbidden);
        // Sanity: the same form works on A's own conversation.
        await PostFormAsync("label A's conversation", DashboardRoutes.Fill(r.Pattern, _aConversation), "labels", new() { ["labels"] = "from-a", ["notes"] = "from A" }, HandledWithoutB);
        if (await Sql($"SELECT coalesce(notes, '') FROM conversations WHERE id = '{_aConversation}'") != "from A") Fail("inbox: the labels form did not save A's own notes");
    }

    private async Task CommentReplyPostAsync(DashboardRoute _)
    {
        var bComment = await Sql($"SELECT comment_id FROM messages WHERE conversation_id = '{_bConversation}' AND kind = 'comment' AND direction = 'inbound' LIMIT 1");
        var aComment = await Sql($"SELECT comment_id FROM messages WHERE conversation_id = '{_aConversation}' AND kind = 'comment' AND direction = 'inbound' LIMIT 1");
        var countA = $"SELECT count(*)::text FROM messages WHERE conversation_id = '{_aConversation}' AND direction = 'outbound' AND comment_id IS NOT NULL";
        var before = await Sql(countA);
        foreach (var visibility in new[] { "public", "private" })
        {
            await PostFormAsync($"{visibility} reply to B's comment", $"/inbox/{_bConversation}/comments/{bComment}/reply", "",
                new() { ["text"] = "hello from A", ["visibility"] = visibility }, NotFoundOrForbidden);
            // B's comment id aimed through A's own conversation: the comment must be in that conversation, so still nothing.
            await PostFormAsync($"{visibility} reply to an unknown comment in A's conversation", $"/inbox/{_aConversation}/comments/{Guid.NewGuid()}/reply", "",
                new() { ["text"] = "hello from A", ["visibility"] = visibility }, NotFoundOrForbidden);
        }
        if (await Sql(countA) != before) Fail("comment reply: a refused post still queued a reply in A's conversation");
        // Sanity: the same form replies to A's own comment (so the 404s above are isolation, not a broken route).
        await PostFormAsync("public reply to A's comment", $"/inbox/{_aConversation}/comments/{aComment}/reply", "",
            new() { ["text"] = "hello from A", ["visibility"] = "public" }, Redirected);
        if (await Sql(countA) == before) Fail("comment reply: replying to A's own comment queued nothing");
    }
}
