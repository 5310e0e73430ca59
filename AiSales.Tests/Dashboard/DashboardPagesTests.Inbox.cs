using System.Net;
using System.Text.RegularExpressions;
using AiSales.Dashboard.Localization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Dashboard;

/// <summary>The inbox as the merchant reads it.</summary>
public sealed partial class DashboardPagesTests
{
    [Fact]
    public async Task Opening_a_conversation_marks_it_read()
    {
        var m = DashboardAppFactory.DemoMerchantId;
        var conversation = await Db.ScalarAsync<Guid>($"""
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = '{m}' ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name) SELECT '{m}', ch.id, 'unread-{Guid.NewGuid():N}', 'Unread reader' FROM ch RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, unread_count, last_message_at) SELECT '{m}', channel_account_id, id, 3, now() FROM k RETURNING id)
            SELECT id FROM c
            """);
        using var client = await SignedInAsync();
        var list = await client.GetStringAsync("/inbox");
        Assert.Matches($"href=\"/inbox/{conversation}[^\"]*\"(?s:(?!</li>).)*data-testid=\"unread-count\"", list);

        var opened = await client.GetStringAsync($"/inbox/{conversation}");

        Assert.Equal(0, await Db.ScalarAsync<int>($"SELECT unread_count FROM conversations WHERE id = '{conversation}'"));
        Assert.DoesNotMatch($"href=\"/inbox/{conversation}[^\"]*\"(?s:(?!</li>).)*data-testid=\"unread-count\"", opened);
    }

    /// <summary>
    /// A failed reply whose cause is known says why in the page's language, with the stored text (the platform's English)
    /// kept behind it; one of an unknown class still shows the stored text.
    /// </summary>
    [Fact]
    public async Task A_failed_reply_with_a_known_cause_explains_it_in_arabic_and_keeps_the_platforms_words()
    {
        var m = DashboardAppFactory.DemoMerchantId;
        var conversation = await Db.ScalarAsync<Guid>($"""
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = '{m}' ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name) SELECT '{m}', ch.id, 'why-{Guid.NewGuid():N}', 'Failed sends' FROM ch RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, last_message_at) SELECT '{m}', channel_account_id, id, now() FROM k RETURNING id, channel_account_id),
            msg AS (INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, status, status_detail, error_code, error_message)
                    SELECT '{m}', c.id, c.channel_account_id, 'outbound', 'human', 'text', v.text, 'failed', v.detail, v.code, v.error
                    FROM c, (VALUES
                      ('blocked reply', 'failed: (#551) This person isn''t available right now.', '551/1545041', '(#551) This person isn''t available right now.'),
                      ('odd reply', 'failed: (#100) Invalid parameter', '100', '(#100) Invalid parameter')) AS v (text, detail, code, error)
                    RETURNING 1)
            SELECT c.id FROM c, (SELECT count(*) FROM msg) n
            """);
        using var client = await SignedInAsync();

        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/inbox/{conversation}"));

        // Each message's own markup: from its data-testid to the next message's (the list before the first is left out).
        var bubbles = html.Split("data-testid=\"message\"").Skip(1).ToList();
        var blocked = Assert.Single(bubbles, b => b.Contains("blocked reply", StringComparison.Ordinal));
        Assert.Contains("data-why=\"send.why.unavailable\"", blocked);
        Assert.Contains(UiText.Get("send.why.unavailable", arabic: true), blocked);
        Assert.Contains("title=\"(#551) This person isn't available right now.\"", blocked);
        Assert.Matches("<details[^>]*data-testid=\"meta-words\"[^>]*><summary>" + UiText.Get("send.details", arabic: true) + "</summary><div class=\"raw-words\" dir=\"auto\">\\(#551\\) This person", blocked);
        var odd = Assert.Single(bubbles, b => b.Contains("odd reply", StringComparison.Ordinal));
        Assert.Contains("<span class=\"detail\">failed: (#100) Invalid parameter</span>", odd);
        Assert.DoesNotContain("data-testid=\"send-why\"", odd);
    }
}
