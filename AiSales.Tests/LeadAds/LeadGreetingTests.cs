using System.Text.Json;
using AiSales.Core.Messaging;
using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.LeadAds;

/// <summary>
/// A lead-form lead on the shop's WhatsApp number is greeted with the template the merchant chose for "lead greeting":
/// through the real pipeline (signed leadgen webhook → Graph lead read → contact → template send at
/// the Graph fake), once only, and with the reason kept on the submission when it cannot be.
/// </summary>
public sealed class LeadGreetingTests : IAsyncLifetime
{
    private readonly LeadAdsHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private Task ChooseGreetingAsync(string body = "هلا {{1}} 🌷 وصلنا طلبك من الإعلان. اني مساعد {{2}}") => _host.Worker.ExecAsync("""
        WITH wa AS (SELECT id, merchant_id FROM channel_accounts WHERE platform = 'whatsapp'),
        t AS (INSERT INTO whatsapp_templates (merchant_id, channel_account_id, name, language, category, status, body, parameters)
              SELECT merchant_id, id, 'lead_welcome', 'ar', 'MARKETING', 'APPROVED', $1, '{1,2}' FROM wa)
        INSERT INTO template_uses (merchant_id, channel_account_id, event, template_name, template_language, fields)
        SELECT merchant_id, id, 'lead_greeting', 'lead_welcome', 'ar', '{customer_name,shop_name}' FROM wa
        """, body);

    private IReadOnlyList<JsonElement> TemplateSends() => _host.Graph.Requests
        .Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Body.Contains("\"template\"", StringComparison.Ordinal))
        .Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).ToList();

    [Fact]
    public async Task A_lead_with_a_whatsapp_number_is_greeted_once_with_the_chosen_template()
    {
        await ChooseGreetingAsync();
        await _host.AddPageAsync("300000000000011");
        _host.Graph.AddLead("910000000000011", [("full_name", ["Maryam"]), ("phone_number", ["0770 555 4433"])], formId: "45");
        await _host.PostAsync(LeadAdsHost.Leadgen("300000000000011", "910000000000011", "45"));
        await _host.WaitForLeadsSettledAsync();
        await Eventually.UntilAsync(() => Task.FromResult(TemplateSends().Count > 0), "the greeting reached Graph");
        // The same lead again (Meta retries for 36 hours): nothing more.
        await _host.PostAsync(LeadAdsHost.Leadgen("300000000000011", "910000000000011", "45"));
        await _host.Worker.WaitForQueueIdleAsync(typeof(Core.Messaging.ProcessWebhookDelivery), typeof(Core.Messaging.FetchLeadForm),
            typeof(Core.Messaging.SendMessage));

        var send = Assert.Single(TemplateSends());
        Assert.Equal("+9647705554433", send.GetProperty("to").GetString());
        var template = send.GetProperty("template");
        Assert.Equal(("lead_welcome", "ar"), (template.GetProperty("name").GetString(), template.GetProperty("language").GetProperty("code").GetString()));
        var shop = await _host.Worker.ScalarAsync<string>("SELECT name FROM merchants LIMIT 1");
        Assert.Equal(["Maryam", shop], template.GetProperty("components")[0].GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("text").GetString()));

        var row = Assert.Single(await _host.Worker.RowsAsync("""
            SELECT s.greeting, m.kind, m.text, m.author, o.state, o.messaging_type, c.contact_id = s.contact_id AS same_contact
            FROM lead_form_submissions s JOIN messages m ON m.id = s.greeting_message_id JOIN outbound_sends o ON o.message_id = m.id
            JOIN conversations c ON c.id = m.conversation_id
            """));
        Assert.Equal(("queued", "template", $"هلا Maryam 🌷 وصلنا طلبك من الإعلان. اني مساعد {shop}", "ai", "sent", "template", true),
            (row["greeting"], row["kind"], row["text"], row["author"], row["state"], row["messaging_type"], row["same_contact"]));
    }

    [Fact]
    public async Task Without_a_chosen_template_nobody_is_written_to_and_the_submission_says_why()
    {
        await _host.AddPageAsync("300000000000012");
        _host.Graph.AddLead("910000000000012", [("full_name", ["Ali"]), ("phone_number", ["07801112233"])], formId: "46");
        _host.Graph.AddLead("910000000000013", [("full_name", ["Sara"])], formId: "46"); // no phone: a Messenger-side lead
        await _host.PostAsync(LeadAdsHost.Leadgen("300000000000012", "910000000000012", "46"));
        await _host.PostAsync(LeadAdsHost.Leadgen("300000000000012", "910000000000013", "46"));
        await _host.WaitForLeadsSettledAsync();
        await Eventually.UntilAsync(async () =>
            await _host.Worker.ScalarAsync<long>("SELECT count(*) FROM lead_form_submissions WHERE greeting IS NOT NULL") == 2, "both greetings decided");

        var greetings = await _host.Worker.RowsAsync("SELECT leadgen_id, greeting, greeting_message_id FROM lead_form_submissions ORDER BY leadgen_id");
        Assert.Equal([("910000000000012", "no_template"), ("910000000000013", "no_whatsapp")],
            greetings.Select(g => ((string)g["leadgen_id"]!, (string)g["greeting"]!)));
        Assert.All(greetings, g => Assert.Null(g["greeting_message_id"]));
        Assert.Empty(TemplateSends());
    }

    [Fact]
    public async Task A_paused_template_is_not_sent()
    {
        await ChooseGreetingAsync();
        await _host.Worker.ExecAsync("UPDATE whatsapp_templates SET status = 'PAUSED'");
        await _host.AddPageAsync("300000000000014");
        _host.Graph.AddLead("910000000000014", [("full_name", ["Noor"]), ("phone_number", ["07701230000"])], formId: "47");
        await _host.PostAsync(LeadAdsHost.Leadgen("300000000000014", "910000000000014", "47"));
        await _host.WaitForLeadsSettledAsync();
        await Eventually.UntilAsync(async () =>
            await _host.Worker.ScalarAsync<long>("SELECT count(*) FROM lead_form_submissions WHERE greeting IS NOT NULL") == 1, "the greeting decided");

        Assert.Equal("template_not_approved", await _host.Worker.ScalarAsync<string>("SELECT greeting FROM lead_form_submissions"));
        Assert.Empty(TemplateSends());
    }
}
