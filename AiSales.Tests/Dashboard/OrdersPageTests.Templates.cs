using System.Net;
using System.Text.Json;
using AiSales.Tests.Infrastructure;
using static AiSales.Tests.Dashboard.SampleOrders;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// WhatsApp templates: the owner reads the number's templates on /templates (the demo's sandbox number
/// lists the demo templates), chooses one for "order shipped" and what fills each placeholder; a WhatsApp customer whose
/// window has closed is then told through that template, and without one the audit says why.
/// </summary>
public sealed partial class OrdersPageTests
{
    private async Task<string> PostTemplatesFormAsync(HttpClient client, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync("/templates");
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value),
        };
        var response = await client.PostAsync("/templates", new FormUrlEncodedContent(body));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return html;
    }

    private async Task<(Guid Account, Guid Contact, Guid Conversation)> WhatsAppCustomerAsync(string name, TimeSpan lastWrote)
    {
        var account = await App.ScalarAsync<Guid>($"SELECT id FROM channel_accounts WHERE merchant_id = '{Demo}' AND platform = 'whatsapp' ORDER BY created_at LIMIT 1");
        var (contact, conversation) = (Guid.NewGuid(), Guid.NewGuid());
        await App.ExecuteAsync($"""
            INSERT INTO contacts (id, merchant_id, channel_account_id, external_id, display_name, stage)
            VALUES ('{contact}', '{Demo}', '{account}', '96477{Random.Shared.Next(10000000, 99999999)}', '{name}', 'ordering');
            INSERT INTO conversations (id, merchant_id, channel_account_id, contact_id, last_message_at, last_customer_message_at)
            VALUES ('{conversation}', '{Demo}', '{account}', '{contact}', now() - interval '{(int)lastWrote.TotalMinutes} minutes', now() - interval '{(int)lastWrote.TotalMinutes} minutes');
            """);
        return (account, contact, conversation);
    }

    [Fact]
    public async Task A_closed_whatsapp_window_tells_the_customer_through_the_template_the_owner_chose()
    {
        using var client = await SignedInAsync();
        var (account, contact, conversation) = await WhatsAppCustomerAsync("حسين", TimeSpan.FromDays(2));
        // The demo seed chose templates for every event on its sandbox number; this test chooses its own.
        await App.ExecuteAsync($"DELETE FROM template_uses WHERE channel_account_id = '{account}'");

        var refreshed = await PostTemplatesFormAsync(client, $"tpl-refresh-{account}", []);
        Assert.Contains("data-name=\"order_update_ar\"", refreshed, StringComparison.Ordinal);
        await PostTemplatesFormAsync(client, $"tpl-use-{account}-order_shipped", new() { ["template"] = "order_update_ar|ar" });
        // The placeholders now show; {{3}} is the shop's name in this template, not the total the suggestion guessed.
        await PostTemplatesFormAsync(client, $"tpl-use-{account}-order_shipped", new()
        {
            ["template"] = "order_update_ar|ar", ["field-0"] = "customer_name", ["field-1"] = "order_number", ["field-2"] = "shop_name",
        });
        Assert.Equal("customer_name,order_number,shop_name", await App.ScalarAsync<string>(
            $"SELECT array_to_string(fields, ',') FROM template_uses WHERE channel_account_id = '{account}' AND event = 'order_shipped'"));

        var seeded = await OrderAsync(App.ConnectionString, Demo, "confirmed", [new(null, "قميص", 1, 25000)], (contact, conversation), customerName: "حسين");
        var number = await App.ScalarAsync<long>($"SELECT number FROM orders WHERE id = '{seeded.OrderId}'");
        var shop = await App.ScalarAsync<string>($"SELECT name FROM merchants WHERE id = '{Demo}'");
        await MoveAsync(client, seeded.OrderId, "shipped");

        var told = Assert.Single(await TestSql.RowsAsync(App.ConnectionString, $"""
            SELECT m.text, m.kind, s.messaging_type, s.template::text AS template FROM messages m JOIN outbound_sends s ON s.message_id = m.id
            WHERE m.conversation_id = '{conversation}' AND m.direction = 'outbound'
            """));
        Assert.Equal($"هلا حسين 🌷 طلبك رقم #{number} من {shop} صار بالطريق، المندوب راح يتصل بيك قبل التوصيل.", told["text"]);
        Assert.Equal(("template", "template"), (told["kind"], told["messaging_type"]));
        using var template = JsonDocument.Parse((string)told["template"]!);
        Assert.Equal("order_update_ar", template.RootElement.GetProperty("name").GetString());
        Assert.Equal(["حسين", $"#{number}", shop], template.RootElement.GetProperty("body_parameters").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("template_queued", await App.ScalarAsync<string>(
            $"SELECT details->>'customer' FROM audit_log WHERE action = 'order.status_changed' AND entity_id = '{seeded.OrderId}'"));

        // Delivered has no template chosen: nothing is sent, and the audit says which is missing.
        await MoveAsync(client, seeded.OrderId, "delivered");
        Assert.Equal(1L, await App.ScalarAsync<long>($"SELECT count(*) FROM messages WHERE conversation_id = '{conversation}' AND direction = 'outbound'"));
        Assert.Equal("outside_window/no_template", await App.ScalarAsync<string>($"""
            SELECT (details->>'customer') || '/' || (details->>'template_problem') FROM audit_log
            WHERE action = 'order.status_changed' AND entity_id = '{seeded.OrderId}' AND details->>'to' = 'delivered'
            """));
    }

    [Fact]
    public async Task The_templates_page_names_each_status_and_refuses_a_template_that_cannot_be_sent()
    {
        using var client = await SignedInAsync();
        var account = await App.ScalarAsync<Guid>($"SELECT id FROM channel_accounts WHERE merchant_id = '{Demo}' AND platform = 'whatsapp' ORDER BY created_at LIMIT 1");
        await App.ExecuteAsync($"DELETE FROM template_uses WHERE channel_account_id = '{account}' AND event = 'lead_greeting'");
        await App.ExecuteAsync($$$"""
            INSERT INTO whatsapp_templates (merchant_id, channel_account_id, name, language, status, body, parameters)
            VALUES ('{{{Demo}}}', '{{{account}}}', 'paused_one', 'ar', 'PAUSED', 'هلا {{1}}', '{1}')
            ON CONFLICT DO NOTHING
            """);

        var page = await client.GetStringAsync("/templates");
        Assert.Contains("موقوف مؤقتاً من ميتا", page, StringComparison.Ordinal);
        var refused = await PostTemplatesFormAsync(client, $"tpl-use-{account}-lead_greeting", new() { ["template"] = "paused_one|ar" });
        Assert.Contains("data-outcome=\"refused\"", refused, StringComparison.Ordinal);
        Assert.Equal(0L, await App.ScalarAsync<long>($"SELECT count(*) FROM template_uses WHERE channel_account_id = '{account}' AND event = 'lead_greeting'"));
    }
}
