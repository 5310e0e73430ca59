using System.Net;
using System.Text.RegularExpressions;
using AiSales.Dashboard.Localization;

namespace AiSales.Tests.Dashboard;

/// <summary>Hand-offs in the inbox (why, in plain words; the assistant still answering) and the sale in the contact panel.</summary>
public sealed partial class DashboardPagesTests
{
    /// <summary>A conversation of the demo merchant; returns its id. <paramref name="columns"/> are SQL assignments for conversations.</summary>
    private Task<Guid> ConversationAsync(string name, string columns, string values) => Db.ScalarAsync<Guid>($"""
        WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = '{DashboardAppFactory.DemoMerchantId}' ORDER BY created_at LIMIT 1),
        k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name)
              SELECT '{DashboardAppFactory.DemoMerchantId}', ch.id, 'handoff-{Guid.NewGuid():N}', '{name}' FROM ch RETURNING id, channel_account_id),
        a AS (INSERT INTO lead_activities (merchant_id, contact_id, kind, from_value, to_value, reasons, actor)
              SELECT '{DashboardAppFactory.DemoMerchantId}', k.id, 'handoff', 'ai', 'human', '["wants_human"]'::jsonb, 'ai' FROM k WHERE {(values.Contains("'wants_human'") ? "true" : "false")}),
        c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, last_message_at, last_customer_message_at{columns})
              SELECT '{DashboardAppFactory.DemoMerchantId}', channel_account_id, id, now(), now(){values} FROM k RETURNING id, channel_account_id)
        INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, status, external_timestamp)
        SELECT '{DashboardAppFactory.DemoMerchantId}', c.id, c.channel_account_id, 'inbound', 'customer', 'text', 'اريد احچي ويه موظف', 'received', now() FROM c
        RETURNING conversation_id
        """);

    /// <summary>The list row of one conversation (its &lt;li&gt;), decoded.</summary>
    private static string Row(string html, Guid conversation)
    {
        var match = Regex.Match(html, $"<li[^>]*data-conversation-id=\"{conversation}\"[^>]*>(.*?)</li>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row for {conversation}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static string Head(string html)
    {
        var match = Regex.Match(html, "<header class=\"thread-head\"(.*?)</header>", RegexOptions.Singleline);
        Assert.True(match.Success, "no thread head");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [Fact]
    public async Task A_handed_off_conversation_says_why_in_the_list_and_the_thread_in_both_languages()
    {
        // As the Worker leaves it: the assistant handed the chat over and no person has written since.
        var handedOff = await ConversationAsync("Handoff customer", ", owner, owner_changed_at, needs_attention, attention_reason",
            ", 'human', now() - interval '1 minute', true, 'wants_human'");
        var unknown = await ConversationAsync("Unknown reason customer", ", needs_attention, attention_reason", ", true, 'some_future_reason'");

        using var client = await SignedInAsync();
        var arabic = await client.GetStringAsync($"/inbox/{handedOff}");
        Assert.Contains("طلب التحدث مع موظف", Row(arabic, handedOff));
        Assert.Contains("data-testid=\"needs-attention\"", Row(arabic, handedOff));
        Assert.Contains("يحتاج متابعة", Row(arabic, unknown));
        Assert.DoesNotContain("some_future_reason<", Row(arabic, unknown));
        var head = Head(arabic);
        Assert.Contains("data-testid=\"thread-attention-reason\">طلب التحدث مع موظف<", head);
        Assert.Contains("المساعد يواصل الرد على العميل حتى يكتب أحد من المتجر", head);
        Assert.Contains("data-testid=\"takeover\"", head); // the way to silence it without writing
        Assert.Contains("data-testid=\"handback\"", head);
        Assert.DoesNotMatch(@"[>\s](attention|handoff)\.[a-zA-Z_]+<", arabic);
        Assert.Contains("data-testid=\"activity-reasons\">طلب التحدث مع موظف<", arabic); // the timeline's hand-off entry too
        Assert.DoesNotContain(">wants_human<", arabic);

        await SwitchToEnglishAsync(client);
        var english = await client.GetStringAsync($"/inbox/{handedOff}");
        Assert.Contains("Asked for a person", Row(english, handedOff));
        Assert.Contains("Needs a person", Row(english, unknown));
        Assert.Contains("The assistant keeps answering the customer until someone from the shop writes.", Head(english));
        Assert.Contains(">Asked for a person<", Head(english));

        // A send whose fate is unknown needs a look, but nobody handed anything over: no "keeps answering".
        var sendUnknown = await ConversationAsync("Send unknown customer", ", needs_attention, attention_reason", ", true, 'send_outcome_unknown'");
        var sendHead = Head(await client.GetStringAsync($"/inbox/{sendUnknown}"));
        Assert.Contains("Not known whether a message reached the customer", sendHead);
        Assert.DoesNotContain("thread-ai-answering", sendHead);
    }

    [Fact]
    public async Task Taking_over_a_waiting_hand_off_answers_it_and_the_assistant_falls_silent()
    {
        var conversation = await ConversationAsync("Takeover customer", ", owner, owner_changed_at, needs_attention, attention_reason",
            ", 'human', now() - interval '1 minute', true, 'complaint'");
        using var client = await SignedInAsync();
        var html = await PostFormAsync(client, $"/inbox/{conversation}", "owner", new() { ["to"] = "human" });

        Assert.False(await Db.ScalarAsync<bool>($"SELECT needs_attention FROM conversations WHERE id = '{conversation}'"));
        Assert.Equal("human", await Db.ScalarAsync<string>($"SELECT owner FROM conversations WHERE id = '{conversation}'"));
        Assert.Equal(1L, await Db.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE action = 'conversation.takeover' AND entity_id = '{conversation}'"));
        var head = Head(await client.GetStringAsync($"/inbox/{conversation}"));
        Assert.DoesNotContain("thread-attention", head);
        Assert.DoesNotContain("data-testid=\"takeover\"", head);
    }

    [Fact]
    public void Every_hand_off_reason_has_plain_words_in_both_languages()
    {
        string[] codes = ["wants_human", "complaint", "return_or_exchange", "not_understood", "order_change", "handoff_keyword",
            "model_requested", "low_confidence", "send_outcome_unknown"];
        foreach (var p in new[] { new UiPrefs("ar", false), new UiPrefs("en", false) })
        {
            var generic = AttentionReasonText.Render(null, p);
            foreach (var code in codes)
            {
                var text = AttentionReasonText.Render(code, p);
                Assert.NotEqual(generic, text);
                Assert.DoesNotContain(code, text);
            }
            Assert.Equal(generic, AttentionReasonText.Render("asked for a human", p));
        }
        Assert.Equal("يحتاج متابعة", AttentionReasonText.Render("x", new UiPrefs("ar", false)));
        Assert.Equal("Needs a person", AttentionReasonText.Render("x", new UiPrefs("en", false)));
    }

    [Fact]
    public async Task The_order_being_collected_shows_in_the_contact_panel_with_a_link_to_the_last_order()
    {
        var m = DashboardAppFactory.DemoMerchantId;
        var sku = "SALE-" + Guid.NewGuid().ToString("N")[..8];
        var abaya = await Db.ScalarAsync<Guid>($"INSERT INTO products (merchant_id, sku, name_ar, name_en, price_iqd, stock) VALUES ('{m}', '{sku}', 'عباية مطرزة تجربة', 'Embroidered test abaya', 65000, 5) RETURNING id");
        var shirt = await Db.ScalarAsync<Guid>($"INSERT INTO products (merchant_id, sku, name_ar, price_iqd, stock) VALUES ('{m}', '{sku}-2', 'قميص تجربة', 20000, 5) RETURNING id");
        var lastOrder = Guid.NewGuid();
        var state = $$"""
            {"focus_product_id":"{{abaya}}","cart":[{"product_id":"{{abaya}}","quantity":2,"size":"L","colour":"أسود"},{"product_id":"{{shirt}}","quantity":1}],
             "governorate":"Baghdad","city":"الكرادة","address":"قرب ساحة كهرمانة","phone":"07701234567","step":"confirming","last_order_id":"{{lastOrder}}"}
            """;
        var conversation = await ConversationAsync("Sale customer", ", sales_state", $", '{state}'::jsonb");

        using var client = await SignedInAsync();
        var arabic = WebUtility.HtmlDecode(await client.GetStringAsync($"/inbox/{conversation}"));
        var block = Regex.Match(arabic, "<section class=\"sale\"(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("data-step=\"confirming\"", block);
        Assert.Contains("طلب قيد الإعداد", block);
        Assert.Contains("بانتظار تأكيد العميل", block);
        Assert.Matches(@"2×</span>\s*<bdi class=""name"">عباية مطرزة تجربة</bdi>\s*<span class=""variant muted"">L · أسود</span>", block);
        Assert.Contains("<bdi class=\"name\">قميص تجربة</bdi>", block);
        Assert.Contains("بغداد، الكرادة", block);
        Assert.Contains("قرب ساحة كهرمانة", block);
        Assert.Contains("07701234567", block);
        Assert.Contains($"href=\"/orders/{lastOrder}\" data-testid=\"sale-last-order\"", arabic);

        await SwitchToEnglishAsync(client);
        var english = WebUtility.HtmlDecode(await client.GetStringAsync($"/inbox/{conversation}"));
        Assert.Contains("Order in progress", english);
        Assert.Contains("Embroidered test abaya", english);
        Assert.Contains("قميص تجربة", english); // no English name: the Arabic one
        Assert.Contains("Baghdad, الكرادة", english);

        // Browsing with an earlier order: no block, only the link; nothing at all for a conversation with no sale.
        await Db.ExecuteAsync($"UPDATE conversations SET sales_state = jsonb_set(sales_state, '{{step}}', '\"ordered\"') WHERE id = '{conversation}'");
        var ordered = await client.GetStringAsync($"/inbox/{conversation}");
        Assert.DoesNotContain("data-testid=\"sale-in-progress\"", ordered);
        Assert.Contains("data-testid=\"sale-last-order\"", ordered);
        var plain = await ConversationAsync("No sale customer", "", "");
        var none = await client.GetStringAsync($"/inbox/{plain}");
        Assert.DoesNotContain("data-testid=\"sale-", none);
        Assert.Contains("data-testid=\"contact-sale\"", none); // the place is always there, so a pushed update can fill it
    }
}
