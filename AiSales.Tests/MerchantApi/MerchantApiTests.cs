using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiSales.Core.Analytics;
using AiSales.Dashboard.Apis;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Tests.MerchantApi;

public sealed partial class MerchantApiTests(MerchantApiFixture f) : IClassFixture<MerchantApiFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Contacts_are_only_the_keys_merchants_and_page_in_order()
    {
        using var http = f.Host.Client(f.KeyA);

        var page1 = await http.GetFromJsonAsync<PagedResult<ContactDto>>("/api/v1/contacts?pageSize=3&page=1", Json);
        var page3 = await http.GetFromJsonAsync<PagedResult<ContactDto>>("/api/v1/contacts?pageSize=3&page=3", Json);

        Assert.Equal(f.ContactsA.Count, page1!.Total);
        Assert.Equal(3, page1.Items.Count);
        Assert.Single(page3!.Items); // 3 + 3 + 1
        var all = new List<ContactDto>();
        for (var p = 1; p <= 3; p++)
            all.AddRange((await http.GetFromJsonAsync<PagedResult<ContactDto>>($"/api/v1/contacts?pageSize=3&page={p}", Json))!.Items);
        Assert.Equal(f.ContactsA.Select(c => c.Id).Order(), all.Select(c => c.Id).Order());
        Assert.DoesNotContain(all, c => c.Id == f.ContactB.Id);
        Assert.Equal(all.OrderByDescending(c => c.UpdatedAt).Select(c => c.Id), all.Select(c => c.Id));
    }

    [Theory]
    [InlineData("stage=new", 3)]
    [InlineData("stage=interested", 2)]
    [InlineData("label=hot", 2)]
    [InlineData("stage=won&label=warm", 1)]
    [InlineData("stage=won&label=hot", 0)]
    public async Task Contacts_filter_by_stage_and_label(string query, int expected)
    {
        using var http = f.Host.Client(f.KeyA);
        var result = await http.GetFromJsonAsync<PagedResult<ContactDto>>($"/api/v1/contacts?{query}", Json);
        Assert.Equal(expected, result!.Total);
        Assert.Equal(expected, result.Items.Count);
    }

    [Fact]
    public async Task Unknown_filter_value_is_a_validation_problem()
    {
        using var http = f.Host.Client(f.KeyA);
        var response = await http.GetAsync("/api/v1/contacts?stage=vip");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("stage", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("owner=ai", 2)]
    [InlineData("owner=human", 1)]
    [InlineData("status=closed", 1)]
    [InlineData("channel=instagram", 1)]
    [InlineData("channel=messenger&owner=ai", 1)]
    [InlineData("channel=whatsapp&owner=human", 1)]
    [InlineData("channel=whatsapp&owner=ai", 0)]
    [InlineData("", 3)]
    public async Task Conversations_filter_by_owner_status_and_channel(string query, int expected)
    {
        using var http = f.Host.Client(f.KeyA);
        var result = await http.GetFromJsonAsync<PagedResult<ConversationDto>>($"/api/v1/conversations?{query}", Json);
        Assert.Equal(expected, result!.Total);
        Assert.DoesNotContain(result.Items, c => c.Id == f.ConversationB.Id);
    }

    [Fact]
    public async Task Messages_come_in_platform_order()
    {
        using var http = f.Host.Client(f.KeyA);
        var result = await http.GetFromJsonAsync<PagedResult<MessageDto>>($"/api/v1/conversations/{f.ConversationA.Id}/messages", Json);
        Assert.Equal(f.MessagesA.Select(m => m.Id), result!.Items.Select(m => m.Id));
        Assert.Equal(["customer", "ai", "customer"], result.Items.Select(m => m.Author));
        Assert.Equal("sent", result.Items[1].Status);
    }

    public static TheoryData<string, string> ForeignRoutes => new()
    {
        { "GET", "/api/v1/contacts/{contactB}" },
        { "GET", "/api/v1/contacts/{contactB}/activities" },
        { "PATCH", "/api/v1/contacts/{contactB}/lead" },
        { "GET", "/api/v1/conversations/{conversationB}/messages" },
        { "GET", "/api/v1/contacts/{random}" },
        { "GET", "/api/v1/conversations/{random}/messages" },
    };

    [Theory]
    [MemberData(nameof(ForeignRoutes))]
    public async Task Another_merchants_ids_are_not_found(string method, string template)
    {
        using var http = f.Host.Client(f.KeyA);
        var url = template.Replace("{contactB}", f.ContactB.Id.ToString()).Replace("{conversationB}", f.ConversationB.Id.ToString())
            .Replace("{random}", Guid.NewGuid().ToString());
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "PATCH") request.Content = JsonContent.Create(new LeadUpdate("won", null));

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret of B", await response.Content.ReadAsStringAsync());
        await using var db = f.Host.Context();
        Assert.Equal("engaged", (await db.Database.SqlQueryRaw<string>("SELECT stage AS \"Value\" FROM contacts WHERE id = {0}", f.ContactB.Id).SingleAsync()));
        Assert.Equal(0, await db.LeadActivities.CountAsync(a => a.ContactId == f.ContactB.Id));
    }

    [Fact]
    public async Task Merchant_B_key_sees_only_B()
    {
        using var http = f.Host.Client(f.KeyB);
        var contacts = await http.GetFromJsonAsync<PagedResult<ContactDto>>("/api/v1/contacts", Json);
        Assert.Equal([f.ContactB.Id], contacts!.Items.Select(c => c.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/conversations/{f.ConversationA.Id}/messages")).StatusCode);
    }

    [Fact]
    public async Task Lead_patch_moves_the_contact_and_records_who_did_it()
    {
        var contact = f.ContactC;
        using var http = f.Host.Client(f.KeyC);
        var prefix = f.KeyC.Split('_')[1];

        var response = await http.PatchAsJsonAsync($"/api/v1/contacts/{contact.Id}/lead", new LeadUpdate("ordering", "hot"));
        var again = await http.PatchAsJsonAsync($"/api/v1/contacts/{contact.Id}/lead", new LeadUpdate("ordering", null)); // no change

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var updated = await response.Content.ReadFromJsonAsync<ContactDto>(Json);
        Assert.Equal(("ordering", "hot"), (updated!.Stage, updated.Label));
        var activities = await http.GetFromJsonAsync<PagedResult<LeadActivityDto>>($"/api/v1/contacts/{contact.Id}/activities", Json);
        Assert.Equal(2, activities!.Total);
        Assert.All(activities.Items, a => Assert.Equal($"api:{prefix}", a.Actor));
        Assert.Contains(activities.Items, a => a is { Kind: "stage_changed", FromValue: "new", ToValue: "ordering" });
        Assert.Contains(activities.Items, a => a is { Kind: "label_changed", FromValue: "cold", ToValue: "hot" });
        await using var db = f.Host.Context();
        var stored = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contact.Id);
        Assert.Equal(Core.Persistence.Entities.LeadStage.Ordering, stored.Stage);
    }

    [Fact]
    public async Task Lead_patch_with_nothing_valid_is_rejected()
    {
        using var http = f.Host.Client(f.KeyA);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PatchAsJsonAsync($"/api/v1/contacts/{f.ContactsA[2].Id}/lead", new LeadUpdate(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PatchAsJsonAsync($"/api/v1/contacts/{f.ContactsA[2].Id}/lead", new LeadUpdate("vip", null))).StatusCode);
    }

    [Fact]
    public async Task Stats_summarise_the_keys_merchant()
    {
        using var http = f.Host.Client(f.KeyA);
        var summary = await http.GetFromJsonAsync<AnalyticsSummary>("/api/v1/stats", Json);
        Assert.Equal(2, summary!.InboundMessages); // B's message is not counted
        Assert.Equal(1, summary.AiReplies);
        Assert.Equal(f.ContactsA.Count, summary.NewContacts);
        Assert.Equal(1, summary.Won);
        Assert.Equal(4.0, summary.MedianFirstResponseSeconds);
        Assert.Equal("Asia/Baghdad", summary.TimeZone);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/v1/stats?from=2026-02-01&to=2026-01-01")).StatusCode);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Bearer", "ask_nope")]
    [InlineData("Bearer", "ask_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("X-Api-Key", "garbage")]
    public async Task Missing_or_wrong_key_is_401_with_a_problem(string? header, string? value)
    {
        using var http = f.Host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contacts");
        if (header == "Bearer") request.Headers.Authorization = new("Bearer", value);
        else if (header is not null) request.Headers.Add(header, value);

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task X_Api_Key_header_works_too()
    {
        using var http = f.Host.Client();
        http.DefaultRequestHeaders.Add("X-Api-Key", f.KeyB);
        var contacts = await http.GetFromJsonAsync<PagedResult<ContactDto>>("/api/v1/contacts", Json);
        Assert.Equal(1, contacts!.Total);
    }

    [Fact]
    public async Task Revoked_key_is_401()
    {
        var created = await f.Host.Keys.CreateAsync(f.B.MerchantId, "temp", "test");
        using var http = f.Host.Client(created.Plaintext);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/contacts")).StatusCode);

        Assert.True(await f.Host.Keys.RevokeAsync(f.B.MerchantId, created.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/contacts")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_merchant_api()
    {
        using var http = f.Host.Client();
        var document = await http.GetStringAsync("/openapi/v1.json");
        using var json = JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/contacts", paths);
        Assert.Contains("/api/v1/contacts/{id}/lead", paths);
        Assert.Contains("/api/v1/stats", paths);
        Assert.Contains("MerchantApiKey", document);
    }
}

public sealed class MerchantApiReplyTests(MerchantApiFixture f) : IClassFixture<MerchantApiFixture>
{
    [Fact]
    public async Task Human_reply_is_queued_with_its_ledger_row_and_job_and_takes_the_conversation_over()
    {
        using var http = f.Host.Client(f.KeyA);
        var response = await http.PostAsJsonAsync($"/api/v1/conversations/{f.ConversationA.Id}/messages", new HumanReply("تم الحجز"));

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.Content.ReadFromJsonAsync<QueuedReply>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Equal(1, await f.Host.Db.ScalarAsync($"SELECT count(*) FROM messages WHERE id = '{queued!.MessageId}' AND author = 'human' AND status = 'pending' AND merchant_id = '{f.A.MerchantId}'"));
        Assert.Equal(1, await f.Host.Db.ScalarAsync($"SELECT count(*) FROM outbound_sends WHERE message_id = '{queued.MessageId}'"));
        Assert.Equal(1, await f.Host.Db.ScalarAsync($"SELECT count(*) FROM conversations WHERE id = '{f.ConversationA.Id}' AND owner = 'human'"));
    }

    [Fact]
    public async Task Reply_to_another_merchants_conversation_is_not_found_and_queues_nothing()
    {
        using var http = f.Host.Client(f.KeyA);
        var before = await f.Host.Db.ScalarAsync("SELECT count(*) FROM messages");
        var response = await http.PostAsJsonAsync($"/api/v1/conversations/{f.ConversationB.Id}/messages", new HumanReply("hi"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await f.Host.Db.ScalarAsync("SELECT count(*) FROM messages"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await http.PostAsJsonAsync($"/api/v1/conversations/{f.ConversationA.Id}/messages", new HumanReply(" "))).StatusCode);
    }
}
