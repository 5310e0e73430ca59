using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Dashboard;

/// <summary>The message journey (operations): from a customer's delivery to the reply that answered it.</summary>
public sealed partial class DashboardPagesTests
{
    [Fact]
    public async Task Message_journey_follows_a_customer_message_to_its_reply()
    {
        using var admin = await SignedInAsync(email: DashboardPagesFixture.AdminEmail, password: DashboardPagesFixture.AdminPassword);
        var mid = await Db.ScalarAsync<string>($"""
            SELECT m.external_id FROM messages m WHERE m.merchant_id = '{DashboardAppFactory.DemoMerchantId}' AND m.direction = 'inbound'
              AND m.kind = 'text' AND m.text LIKE 'مرحبا%' LIMIT 1
            """);
        var html = await admin.GetStringAsync($"/ops?message={Uri.EscapeDataString(mid)}");
        Assert.Contains("data-testid=\"ops-journey\"", html);
        Assert.Contains("data-step=\"stored\" data-done=\"true\"", html);
        Assert.Contains("data-step=\"drafted\" data-done=\"true\"", html);
        Assert.Contains("data-step=\"delivered\" data-done=\"true\"", html); // the sample AI reply was read
    }

    [Fact]
    public async Task Message_journey_receives_from_the_first_delivery_to_arrive_not_the_lowest_id()
    {
        // Meta delivered the message twice; ingest committers reserve ids in blocks, so the later redelivery got the
        // lower id. The journey's "received" step is the first arrival.
        var mid = $"mid.journey-{Guid.NewGuid():N}";
        var seq = "pg_get_serial_sequence('webhook_deliveries', 'id')";
        var lower = await Db.ScalarAsync<long>($"SELECT nextval({seq})");
        var higher = await Db.ScalarAsync<long>($"SELECT nextval({seq})");
        await Db.ExecuteAsync($$"""
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = '{{DashboardAppFactory.DemoMerchantId}}' ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, created_at)
                  SELECT '{{DashboardAppFactory.DemoMerchantId}}', ch.id, 'journey-' || md5(random()::text), 'Journey', '2025-06-01T10:00:00Z' FROM ch
                  RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, created_at)
                  SELECT '{{DashboardAppFactory.DemoMerchantId}}', channel_account_id, id, '2025-06-01T10:00:00Z' FROM k RETURNING id, channel_account_id)
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status, created_at)
            SELECT '{{DashboardAppFactory.DemoMerchantId}}', c.id, c.channel_account_id, 'inbound', 'customer', 'text', 'journey', '{{mid}}',
                   '2025-06-01T10:00:00Z', 'received', '2025-06-01T10:00:05Z' FROM c;
            INSERT INTO webhook_deliveries (id, platform, object, body, status, received_at) OVERRIDING SYSTEM VALUE VALUES
              ({{higher}}, 'instagram', 'instagram', convert_to('{"mid":"{{mid}}","first":true}', 'UTF8'), 'processed', '2025-06-01T10:00:01Z'),
              ({{lower}}, 'instagram', 'instagram', convert_to('{"mid":"{{mid}}","redelivery":true}', 'UTF8'), 'processed', '2025-06-01T10:03:00Z');
            """);

        using var admin = await SignedInAsync(email: DashboardPagesFixture.AdminEmail, password: DashboardPagesFixture.AdminPassword);
        var html = await admin.GetStringAsync($"/ops?message={Uri.EscapeDataString(mid)}");
        Assert.Contains("data-step=\"received\" data-done=\"true\"", html);
        Assert.Contains($"delivery #{higher}<", html);
        Assert.DoesNotContain($"delivery #{lower}<", html);
    }
}
