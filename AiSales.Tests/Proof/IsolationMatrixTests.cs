using System.Net;
using System.Net.Http.Json;
using AiSales.Tests.Dashboard;
using Npgsql;

namespace AiSales.Tests.Proof;

/// <summary>
/// Tenant isolation, as a matrix: merchant A's API key against every merchant API endpoint that takes an id, with
/// merchant B's ids (and an id that does not exist, which must look the same) → 404 and nothing changed; and raw SQL
/// through the dashboard's role under row-level security with A's merchant id set sees none of B's rows in any tenant
/// table, and cannot write one. Dashboard pages (Blazor) are covered by the dashboard's own tenant tests.
/// </summary>
public sealed class IsolationMatrixTests : IAsyncLifetime
{
    private static readonly Guid A = DashboardAppFactory.DemoMerchantId;
    private static readonly Guid B = DashboardAppFactory.OtherMerchantId;
    private static readonly string[] TenantTables =
        ["merchant_members", "channel_accounts", "contacts", "conversations", "messages", "outbound_sends", "products", "lead_activities", "audit_log"];

    private DashboardAppFactory _app = null!;

    public async Task InitializeAsync() => _app = await DashboardAppFactory.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpClient> ApiClientForAAsync() => DashboardAppFactory.ApiClientAsync(_app, A, "isolation");

    /// <summary>B's rows in every tenant table (from the catalog, a superset of <see cref="TenantTables"/>) plus B's merchants row.</summary>
    private Task<string> SnapshotOfBAsync() => _app.SnapshotOfMerchantAsync(B);

    [Fact]
    public async Task Merchant_api_answers_404_for_every_other_merchant_id_and_changes_nothing()
    {
        var http = await ApiClientForAAsync();
        var bContact = await _app.ScalarAsync<Guid>($"SELECT id FROM contacts WHERE merchant_id = '{B}' LIMIT 1");
        var bConversation = await _app.ScalarAsync<Guid>($"SELECT id FROM conversations WHERE merchant_id = '{B}' LIMIT 1");
        var aContact = await _app.ScalarAsync<Guid>($"SELECT id FROM contacts WHERE merchant_id = '{A}' LIMIT 1");
        var before = await SnapshotOfBAsync();

        // Sanity: A's own id works, so a 404 below is isolation and not a broken endpoint.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/v1/contacts/{aContact}")).StatusCode);

        var failures = new List<string>();
        foreach (var (label, contact, conversation) in new[] { ("other merchant's", bContact, bConversation), ("unknown", Guid.NewGuid(), Guid.NewGuid()) })
        {
            var requests = new (string Name, Func<HttpRequestMessage> Build)[]
            {
                ("GET contact", () => new(HttpMethod.Get, $"/api/v1/contacts/{contact}")),
                ("PATCH lead", () => new(HttpMethod.Patch, $"/api/v1/contacts/{contact}/lead") { Content = JsonContent.Create(new { stage = "won", label = "hot" }) }),
                ("GET activities", () => new(HttpMethod.Get, $"/api/v1/contacts/{contact}/activities")),
                ("GET messages", () => new(HttpMethod.Get, $"/api/v1/conversations/{conversation}/messages")),
                ("POST message", () => new(HttpMethod.Post, $"/api/v1/conversations/{conversation}/messages") { Content = JsonContent.Create(new { text = "hello from A" }) }),
            };
            foreach (var (name, build) in requests)
            {
                using var response = await http.SendAsync(build());
                if (response.StatusCode != HttpStatusCode.NotFound) failures.Add($"{name} with {label} id: {(int)response.StatusCode}");
            }
        }

        // Lists never include B's rows.
        var contacts = await http.GetStringAsync("/api/v1/contacts?pageSize=200");
        var conversations = await http.GetStringAsync("/api/v1/conversations?pageSize=200");
        Assert.DoesNotContain(bContact.ToString(), contacts, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bConversation.ToString(), conversations, StringComparison.OrdinalIgnoreCase);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await SnapshotOfBAsync());
    }

    [Fact]
    public async Task Dashboard_role_under_rls_sees_and_writes_no_row_of_another_merchant()
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using (var set = new NpgsqlCommand($"SET ROLE aisales_dashboard; SELECT set_config('app.merchant_id', '{A}', false)", conn))
            await set.ExecuteNonQueryAsync();

        foreach (var table in TenantTables)
        {
            // A forgotten WHERE clause: the raw table, no filter.
            await using var count = new NpgsqlCommand($"SELECT count(*) FILTER (WHERE merchant_id <> '{A}'), count(*) FILTER (WHERE merchant_id = '{A}') FROM {table}", conn);
            await using var reader = await count.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(0L, reader.GetInt64(0));
        }
        await using (var merchants = new NpgsqlCommand($"SELECT count(*) FROM merchants WHERE id = '{B}'", conn))
            Assert.Equal(0L, (long)(await merchants.ExecuteScalarAsync())!);

        // Writing into B: updates match nothing, inserts are refused by WITH CHECK.
        await using (var update = new NpgsqlCommand($"UPDATE conversations SET notes = 'from A' WHERE merchant_id = '{B}'", conn))
            Assert.Equal(0, await update.ExecuteNonQueryAsync());
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO products (merchant_id, sku, name_ar, price_iqd) VALUES ('{B}', 'iso-1', 'x', 1000)", conn))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
            Assert.Equal("42501", error.SqlState); // new row violates row-level security policy
        }

        // And the table really has B's rows (so zero above is isolation, not an empty database).
        Assert.True(await _app.ScalarAsync<long>($"SELECT count(*) FROM conversations WHERE merchant_id = '{B}'") > 0);
    }
}
