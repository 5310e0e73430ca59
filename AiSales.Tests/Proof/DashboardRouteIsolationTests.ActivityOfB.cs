namespace AiSales.Tests.Proof;

/// <summary>
/// What A sees while B gets busy: pages whose output carries no id or marker of B (counters) are read
/// before and after B's activity (<see cref="ActivityOfBAsync"/>) and must not move.
/// </summary>
public sealed partial class DashboardRouteIsolationTests
{
    /// <summary>Numbers carry no marker: A's counters (home, analytics, API stats) must not move when B gets busy.</summary>
    private Task NumbersAsync(string page)
    {
        var before = "";
        _beforeActivity.Add(async () =>
        {
            before = await CountersOfAAsync();
            if (before.Count(c => c == '=') < 8) Fail($"{page}: found too few counters to compare ({before})");
        });
        _afterSnapshot.Add(async () =>
        {
            var after = await CountersOfAAsync();
            if (after != before) Fail($"{page}: B's new conversation and messages changed A's numbers:\n  before {before}\n  after  {after}");
        });
        return Task.CompletedTask;
    }

    private async Task<string> CountersOfAAsync()
    {
        var (from, to) = (DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd"), DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"));
        var home = await _a.GetStringAsync("/");
        var analytics = await _a.GetStringAsync($"/analytics?from={from}&to={to}");
        var stats = await _api.GetStringAsync($"/api/v1/stats?from={from}&to={to}");
        return string.Join(" ", HomeCounter().Matches(home).Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}"))
            + " " + string.Join(" ", AnalyticsCounter().Matches(analytics).Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}"))
            + " api=" + stats;
    }

    /// <summary>B gets busy: a new conversation needing attention, inbound and outbound messages, all now.</summary>
    private Task ActivityOfBAsync() => _host.Db.ExecuteAsync($"""
        UPDATE conversations SET updated_at = now() + interval '1 hour' WHERE id = '{_bConversation}';
        WITH k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name)
                   SELECT merchant_id, id, '70000000000888', 'new customer' FROM channel_accounts WHERE id = '{_bSandboxChannel}'
                   RETURNING id, merchant_id, channel_account_id),
        c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, needs_attention, last_message_at, last_customer_message_at)
                   SELECT merchant_id, channel_account_id, id, true, now(), now() FROM k
                   RETURNING id, merchant_id, channel_account_id)
        INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status)
        SELECT merchant_id, id, channel_account_id, v.d, v.a, 'text', 'x', 'mid-iso-live-' || v.d, now(), v.s
        FROM c, (VALUES ('inbound', 'customer', 'received'), ('outbound', 'ai', 'pending')) AS v(d, a, s);
        """);

    [System.Text.RegularExpressions.GeneratedRegex("data-testid=\"(stat-[a-z-]+)\"><span class=\"num\">([^<]*)<")]
    private static partial System.Text.RegularExpressions.Regex HomeCounter();

    [System.Text.RegularExpressions.GeneratedRegex("data-testid=\"(an-[a-z]+)\" data-value=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex AnalyticsCounter();
}
