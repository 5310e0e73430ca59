using System.Net;
using System.Text.Json;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Leads;
using AiSales.Core.Replies.Offline;
using AiSales.Dashboard.Localization;

namespace AiSales.Tests.Dashboard;

public sealed partial class DashboardPagesTests
{
    [Fact]
    public async Task Score_reasons_render_in_the_viewers_language_and_old_free_text_as_stored()
    {
        // What the scorer says about a new lead asking for the price, stored the way LeadUpdater stores it.
        var assessment = new LeadScorer().Assess(new LeadState(LeadStage.New, LeadLabel.Cold, 0), [LeadSignal.PriceAsked]);
        var stored = assessment.Reasons.Select(r => r.Encode()).Append("asked price before codes existed (+3)").ToList();
        var reasons = JsonSerializer.Serialize(stored).Replace("'", "''");
        var m = DashboardAppFactory.DemoMerchantId;
        var conversation = await Db.ScalarAsync<string>($"""
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = '{m}' ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, stage, label, score)
                  SELECT '{m}', ch.id, 'reasons-{Guid.NewGuid():N}', 'Reason customer', 'interested', 'warm', 30 FROM ch RETURNING id, channel_account_id),
            a AS (INSERT INTO lead_activities (merchant_id, contact_id, kind, from_value, to_value, score, reasons, actor)
                  SELECT '{m}', k.id, 'score_changed', '0', '30', 30, '{reasons}'::jsonb, 'ai' FROM k)
            INSERT INTO conversations (merchant_id, channel_account_id, contact_id) SELECT '{m}', channel_account_id, id FROM k RETURNING id::text
            """);

        using var client = await SignedInAsync();
        var arabic = WebUtility.HtmlDecode(await client.GetStringAsync($"/inbox/{conversation}"));
        Assert.Contains("data-testid=\"score-reasons\"", arabic);
        Assert.Contains("سأل عن السعر (+10)", arabic);
        Assert.Contains("المرحلة: جديد ← مهتم", arabic);
        Assert.Contains("asked price before codes existed (+3)", arabic);
        Assert.DoesNotContain("lead:", arabic);
        Assert.DoesNotContain("asked for the price", arabic);

        await SwitchToEnglishAsync(client);
        var english = WebUtility.HtmlDecode(await client.GetStringAsync($"/inbox/{conversation}"));
        Assert.Contains("asked for the price (+10)", english);
        Assert.Contains("stage New → Interested", english);
        Assert.Contains("asked price before codes existed (+3)", english);
        Assert.DoesNotContain("سأل عن السعر", english);
        Assert.DoesNotContain("lead:", english);
    }

    [Theory]
    [InlineData("lead:signal|complaint|-15", "اشتكى (-15)", "complained (-15)")]
    [InlineData("lead:merchant_api", "عُدّل عبر واجهة المتجر البرمجية", "changed through the Merchant API")]
    [InlineData("lead:signal|future_signal|4", "future signal (+4)", "future signal (+4)")]
    [InlineData("gave city", "gave city", "gave city")]
    [InlineData("lead:reply|offline|price", "ردّ المساعد من القواعد (بدون نموذج)؛ الزبون سأل عن السعر", "assistant replied from its rules (no model); the customer asked for the price")]
    [InlineData("lead:model_unused", "تعذّر استخدام نموذج الذكاء الاصطناعي لهذا الرد، فردّ المساعد من القواعد", "the AI model could not be used for this reply, so the assistant answered from its rules")]
    [InlineData("lead:order|70000", "ثُبّت طلب بمجموع 70,000 دينار", "an order of 70,000 IQD was placed")]
    public void Reason_codes_render_in_both_languages_and_unknown_text_passes_through(string stored, string arabic, string english)
    {
        Assert.Equal(arabic, LeadReasonText.Render(stored, new UiPrefs("ar", false)));
        Assert.Equal(english, LeadReasonText.Render(stored, new UiPrefs("en", false)));
    }

    [Fact]
    public void Every_signal_the_scorer_can_record_has_a_text_in_both_languages()
    {
        // Every signal constant, by reflection, so a new one without a translation fails here by name instead of showing
        // its raw code ("future signal") to merchants.
        var signals = typeof(Core.Replies.Offline.LeadSignal).GetFields().Concat(typeof(Core.Replies.Leads.LeadCues).GetFields())
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(signals);
        foreach (var language in new[] { "ar", "en" })
        {
            var prefs = new UiPrefs(language, false);
            var missing = signals.Where(s => prefs[$"reason.{s}"] == $"reason.{s}").ToList();
            Assert.True(missing.Count == 0, $"{language}: no reason text for {string.Join(", ", missing)}");
        }
    }
}
