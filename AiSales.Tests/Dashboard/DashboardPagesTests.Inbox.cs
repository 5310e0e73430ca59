using System.Net;
using System.Text.RegularExpressions;
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
}
