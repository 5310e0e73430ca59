using System.Net;
using System.Text.RegularExpressions;

namespace AiSales.Tests.Dashboard;

/// <summary>What a webhook can put in a message (attachment and story URLs, the customer's name) rendered in the inbox.</summary>
public sealed partial class SafeLinksRenderingTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardAppFactory App => fixture.App;

    [Fact]
    public async Task Javascript_and_data_urls_render_as_text_and_bidi_controls_leave_names()
    {
        var m = DashboardAppFactory.DemoMerchantId;
        var conversation = await App.ScalarAsync<Guid>($$"""
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = '{{m}}' ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name)
                  SELECT '{{m}}', id, 'igsid-bidi-' || substr(md5(random()::text), 1, 8), E'Eve \u202Eexe.txt' FROM ch RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, last_message_at)
                  SELECT '{{m}}', channel_account_id, id, now() FROM k RETURNING id, channel_account_id),
            msg AS (INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, attachments, story_id, external_id, status)
                  SELECT '{{m}}', c.id, c.channel_account_id, 'inbound', 'customer', v.kind, NULL, v.a::jsonb, v.story, 'mid-' || md5(random()::text), 'received'
                  FROM c, (VALUES
                    ('image', '[{"type":"image","url":"javascript:alert(1)","title":"img-js"}]', NULL),
                    ('image', '[{"type":"image","url":"data:image/svg+xml,<svg onload=alert(1)>"}]', NULL),
                    ('file', '[{"type":"file","url":" \tJAVASCRIPT:alert(2)","title":"file-js"}]', NULL),
                    ('sticker', '[{"type":"sticker","url":"javascript:alert(3)"}]', NULL),
                    ('share', '[{"type":"share","url":"data:text/html,<script>alert(4)</script>","title":"shared-post"}]', NULL),
                    ('story_reply', '[{"type":"story","url":"javascript:alert(5)"}]', '1789777'),
                    ('image', '[{"type":"image","url":"https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=ok"}]', NULL),
                    ('image', '[{"type":"image","url":"https://tracker.example/pixel.gif"}]', NULL)
                  ) AS v(kind, a, story)
                  RETURNING 1)
            SELECT c.id FROM c, (SELECT count(*) FROM msg) n
            """);

        using var client = App.Browser();
        await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        var response = await client.GetAsync($"/inbox/{conversation}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        var urls = UrlAttribute().Matches(html).Select(x => WebUtility.HtmlDecode(x.Groups[1].Value).Trim()).ToList();
        Assert.DoesNotContain(urls, u => u.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || u.StartsWith("data:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("file-js", html);
        Assert.Contains("shared-post", html);
        Assert.True(Regex.Matches(html, "data-testid=\"inert-attachment\"").Count >= 4, "unsafe attachments are shown as inert text");
        Assert.DoesNotContain("data-testid=\"story-link\"", html);

        // On Meta's CDN: an image; elsewhere: a link, never an image that loads by itself.
        Assert.Contains("src=\"https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=ok\"", html);
        Assert.DoesNotContain("src=\"https://tracker.example", html);
        Assert.Contains("href=\"https://tracker.example/pixel.gif\"", html);

        Assert.DoesNotContain('\u202E', html);
        Assert.Contains("<bdi>Eve exe.txt</bdi>", html);
    }

    [GeneratedRegex("(?:href|src)\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();
}
