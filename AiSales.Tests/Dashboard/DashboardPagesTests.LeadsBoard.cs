using System.Net;
using System.Text.RegularExpressions;
using AiSales.Dashboard.Localization;

namespace AiSales.Tests.Dashboard;

/// <summary>The leads board: the merchant's own labels in its filter, a name instead of a raw id on a card.</summary>
public sealed partial class DashboardPagesTests
{
    [Fact]
    public async Task The_leads_filter_lists_the_shops_own_labels_and_an_unnamed_card_shows_no_raw_id()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var label = $"جملة {suffix}";
        var externalId = "17" + string.Concat(Enumerable.Range(0, 14).Select(_ => (char)('0' + Random.Shared.Next(10))));
        var contact = await Db.ScalarAsync<Guid>($"""
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = '{DashboardAppFactory.DemoMerchantId}' AND platform = 'instagram' ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id)
                  SELECT '{DashboardAppFactory.DemoMerchantId}', ch.id, '{externalId}' FROM ch RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, last_message_at, labels)
                  SELECT '{DashboardAppFactory.DemoMerchantId}', channel_account_id, id, now() - interval '400 days', ARRAY['{label}'] FROM k RETURNING contact_id)
            SELECT contact_id FROM c
            """);
        using var client = await SignedInAsync();

        var board = WebUtility.HtmlDecode(await client.GetStringAsync("/leads"));
        Assert.Contains($"<option value=\"tag:{label}\"", board);

        var filtered = WebUtility.HtmlDecode(await client.GetStringAsync($"/leads?label={Uri.EscapeDataString("tag:" + label)}"));
        var cards = Regex.Matches(filtered, "data-testid=\"lead-card\" data-contact-id=\"([0-9a-f-]+)\"").Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal([contact], cards);
        Assert.Contains($"selected value=\"tag:{label}\"", filtered.Replace($"value=\"tag:{label}\" selected", $"selected value=\"tag:{label}\""));
        // The card names the customer by platform and the id's last digits; the 16 digits are only the tooltip.
        var name = Regex.Match(filtered, "data-testid=\"lead-name\"[^>]*><bdi>([^<]*)</bdi>").Groups[1].Value;
        Assert.Equal(string.Format(UiText.Get("leads.unnamed", arabic: true), UiText.Get("platform.instagram", arabic: true), externalId[^4..]), name);
        Assert.DoesNotContain($"<bdi>{externalId}</bdi>", filtered);
    }
}
