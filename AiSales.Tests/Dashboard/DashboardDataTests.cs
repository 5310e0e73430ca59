using AiSales.Core.Audit;
using AiSales.Core.Conversations;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Tenancy;
using AiSales.Dashboard.Catalog;
using AiSales.Dashboard.Leads;
using AiSales.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiSales.Tests.Dashboard;

/// <summary>Row-level security, the outbound queue, CSV import and lead moves against the real database.</summary>
public sealed class DashboardDataTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardAppFactory App => fixture.App;
    private static Guid A => DashboardAppFactory.DemoMerchantId;
    private static Guid B => DashboardAppFactory.OtherMerchantId;

    [Fact]
    public async Task Row_level_security_limits_a_raw_select_to_the_current_merchant()
    {
        var total = await App.ScalarAsync<long>("SELECT count(*) FROM messages");
        var ofA = await App.ScalarAsync<long>($"SELECT count(*) FROM messages WHERE merchant_id = '{A}'");
        Assert.True(ofA > 0 && total > ofA, $"need rows of both merchants (A {ofA}, total {total})");

        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await using (var set = new NpgsqlCommand($"SET ROLE {MerchantData.Role}; SELECT set_config('app.merchant_id', '{A}', false)", conn))
            await set.ExecuteNonQueryAsync();
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM messages", conn))
            Assert.Equal(ofA, (long)(await count.ExecuteScalarAsync())!);
        await using (var foreign = new NpgsqlCommand($"SELECT count(*) FROM conversations WHERE merchant_id = '{B}'", conn))
            Assert.Equal(0L, (long)(await foreign.ExecuteScalarAsync())!);

        // Writing into another merchant is refused by the policy's WITH CHECK, not silently accepted.
        await using (var write = new NpgsqlCommand($"UPDATE products SET stock = stock WHERE merchant_id = '{B}'", conn))
            Assert.Equal(0, await write.ExecuteNonQueryAsync());
        await using (var insert = new NpgsqlCommand($"INSERT INTO products (merchant_id, sku, name_ar, price_iqd) VALUES ('{B}', 'X-1', 'x', 1)", conn))
            await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        // No tenant set: nothing at all.
        await using (var clear = new NpgsqlCommand("SELECT set_config('app.merchant_id', '', false)", conn))
            await clear.ExecuteNonQueryAsync();
        await using (var none = new NpgsqlCommand("SELECT count(*) FROM messages", conn))
            Assert.Equal(0L, (long)(await none.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task MerchantData_connections_run_under_the_dashboard_role_and_are_reset_afterwards()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<MerchantData>();
        var (role, tenant, visible) = await data.RunForAsync<(string, string, long)>(A, async (db, _) =>
        {
            var conn = db.Database.GetDbConnection();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT current_user, current_setting('app.merchant_id', true), (SELECT count(DISTINCT merchant_id) FROM messages)";
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            return (r.GetString(0), r.GetString(1), r.GetInt64(2));
        });
        Assert.Equal(MerchantData.Role, role);
        Assert.Equal(A.ToString(), tenant);
        Assert.Equal(1, visible);
    }

    [Fact]
    public async Task Queueing_an_outbound_message_writes_message_ledger_and_job_together()
    {
        var conversation = await App.ScalarAsync<Guid>($"SELECT id FROM conversations WHERE merchant_id = '{A}' ORDER BY created_at LIMIT 1");
        var queue = App.Services.GetRequiredService<OutboundMessageQueue>();

        var id = await queue.QueueAsync(A, conversation, "تم، نرسلها اليوم", MessageAuthor.Human, null, MessagingType.HumanAgent, CancellationToken.None);

        Assert.Equal("outbound|human|pending|text", await App.ScalarAsync<string>(
            $"SELECT direction || '|' || author || '|' || status || '|' || kind FROM messages WHERE id = '{id}' AND conversation_id = '{conversation}' AND merchant_id = '{A}'"));
        Assert.Equal($"pending|human_agent|{OutboundMessageQueue.IdempotencyKeyFor(id)}", await App.ScalarAsync<string>(
            $"SELECT state || '|' || messaging_type || '|' || idempotency_key FROM outbound_sends WHERE message_id = '{id}'"));
        // Its SendMessage reaches the sends queue (Wolverine's outbox flushes it after the commit), exactly once.
        await Eventually.UntilAsync(async () =>
            (await QueueWork.QueuedMessagesAsync<SendMessage>(App.Services)).Any(m => m.MessageId == id), "the message's SendMessage queued");
        Assert.Single(await QueueWork.QueuedMessagesAsync<SendMessage>(App.Services), m => m.MessageId == id);
        Assert.Equal("human", await App.ScalarAsync<string>($"SELECT owner FROM conversations WHERE id = '{conversation}'"));

        // Another merchant's conversation: nothing is written at all (message, ledger and job share the transaction).
        var foreign = await App.ScalarAsync<Guid>($"SELECT id FROM conversations WHERE merchant_id = '{B}' LIMIT 1");
        var before = await App.ScalarAsync<long>("SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM outbound_sends)");
        var jobsBefore = await QueueWork.PendingAsync(App.Services, typeof(SendMessage));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => queue.QueueAsync(A, foreign, "hi", MessageAuthor.Human, null, CancellationToken.None));
        Assert.Equal(before, await App.ScalarAsync<long>("SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM outbound_sends)"));
        Assert.Equal(jobsBefore, await QueueWork.PendingAsync(App.Services, typeof(SendMessage)));
    }

    [Fact]
    public async Task Csv_import_reports_the_bad_row_and_imports_the_rest()
    {
        const string csv = """
            sku,name_ar,name_en,price_iqd,stock,sizes,colours,aliases,active
            CSV-001,قميص أزرق,Blue shirt,"25,000",10,S|M|L,أزرق,قميص|shirt,true
            CSV-002,بنطلون,Trousers,abc,5,,,,true
            CSV-003,حذاء,Shoes,55000,,40|41,أسود,,false
            BSF-001,عباية سوداء كلاسيك,Classic black abaya,47000,3,S|M,أسود,,true
            CSV-004,شال,Scarf,"١٢٬٥٠٠",۷,,,,true
            """;
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentMerchant>().Set(A, null);
        var importer = scope.ServiceProvider.GetRequiredService<CatalogCsvImporter>();
        var progress = new List<(int Done, int Total)>();

        var result = await importer.ImportAsync(csv, new SyncProgress(progress.Add));

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Equal("catalog.problem.priceNotNumber", error.Problem.Key);
        Assert.Equal(4, result.Imported);
        Assert.Equal(3, result.Created);
        Assert.Equal(1, result.Updated);
        Assert.Equal((4, 4), progress[^1]);
        Assert.Equal(25000L, await App.ScalarAsync<long>($"SELECT price_iqd FROM products WHERE merchant_id = '{A}' AND sku = 'CSV-001'"));
        Assert.Equal("S,M,L", await App.ScalarAsync<string>($"SELECT string_agg(s, ',') FROM products, jsonb_array_elements_text(variants->'sizes') s WHERE merchant_id = '{A}' AND sku = 'CSV-001'"));
        Assert.False(await App.ScalarAsync<bool>($"SELECT active FROM products WHERE merchant_id = '{A}' AND sku = 'CSV-003'"));
        Assert.Equal(47000L, await App.ScalarAsync<long>($"SELECT price_iqd FROM products WHERE merchant_id = '{A}' AND sku = 'BSF-001'"));
        // Typed on an Arabic or a Persian keyboard: Arabic-Indic price with the Arabic thousands sign, Persian stock.
        Assert.Equal("12500|7", await App.ScalarAsync<string>($"SELECT price_iqd || '|' || stock FROM products WHERE merchant_id = '{A}' AND sku = 'CSV-004'"));
        Assert.Equal(0L, await App.ScalarAsync<long>($"SELECT count(*) FROM products WHERE sku = 'CSV-002'"));
        // The other merchant's catalog is untouched.
        Assert.Equal(0L, await App.ScalarAsync<long>($"SELECT count(*) FROM products WHERE merchant_id = '{B}' AND sku LIKE 'CSV-%'"));
        Assert.Equal(1L, await App.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE merchant_id = '{A}' AND action = '{AuditActions.ProductsImported}'"));
    }

    [Fact]
    public async Task Moving_a_lead_updates_the_stage_and_writes_an_activity_and_an_audit_row()
    {
        var userId = await App.ScalarAsync<Guid>($"SELECT id FROM users WHERE normalized_email = '{DashboardAppFactory.DemoEmail.ToUpperInvariant()}'");
        var contact = await App.ScalarAsync<Guid>($"SELECT id FROM contacts WHERE merchant_id = '{A}' AND stage = 'new' LIMIT 1");
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentMerchant>().Set(A, userId);
        var board = scope.ServiceProvider.GetRequiredService<LeadBoard>();

        Assert.True(await board.MoveAsync(contact, LeadStage.Ordering));

        Assert.Equal("ordering", await App.ScalarAsync<string>($"SELECT stage FROM contacts WHERE id = '{contact}'"));
        Assert.Equal($"stage_changed|new|ordering|{userId}", await App.ScalarAsync<string>(
            $"SELECT kind || '|' || from_value || '|' || to_value || '|' || actor FROM lead_activities WHERE contact_id = '{contact}' ORDER BY created_at DESC LIMIT 1"));
        Assert.Equal($"{AuditActions.StageChanged}|user:{userId}|ordering", await App.ScalarAsync<string>(
            $"SELECT action || '|' || actor || '|' || (details->>'to') FROM audit_log WHERE entity_id = '{contact}' AND actor_user_id = '{userId}'"));

        // A contact of another merchant cannot be moved (explicit filter + RLS): false, and nothing changes.
        var foreign = await App.ScalarAsync<Guid>($"SELECT id FROM contacts WHERE merchant_id = '{B}' AND stage = 'new' LIMIT 1");
        Assert.False(await board.MoveAsync(foreign, LeadStage.Won));
        Assert.Equal("new", await App.ScalarAsync<string>($"SELECT stage FROM contacts WHERE id = '{foreign}'"));
    }

    [Fact]
    public void Composer_window_follows_the_planner_24h_then_human_agent_for_7_days_except_whatsapp()
    {
        var window = new ReplyWindow(new AiSales.Core.Sending.Windows.WindowPlanner());
        var now = DateTimeOffset.Parse("2026-11-22T12:00:00Z");
        var standard = window.Decide(ChannelPlatform.Instagram, now.AddHours(-23), now);
        Assert.True(standard.CanSend);
        Assert.Equal(MessagingType.Response, standard.MessagingType);
        var humanAgent = window.Decide(ChannelPlatform.Messenger, now.AddDays(-3), now);
        Assert.True(humanAgent.CanSend);
        Assert.Equal(MessagingType.HumanAgent, humanAgent.MessagingType);
        Assert.False(window.Decide(ChannelPlatform.Instagram, now.AddDays(-8), now).CanSend);
        Assert.False(window.Decide(ChannelPlatform.WhatsApp, now.AddHours(-25), now).CanSend);
        Assert.False(window.Decide(ChannelPlatform.Instagram, null, now).CanSend);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test wants every report, in order, before asserting.</summary>
    private sealed class SyncProgress(Action<(int, int)> report) : IProgress<(int, int)>
    {
        public void Report((int, int) value) => report(value);
    }
}
