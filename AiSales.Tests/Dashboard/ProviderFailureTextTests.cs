using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiSales.Core.Campaigns;
using AiSales.Core.Conversions;
using AiSales.Core.Crm.Odoo;
using AiSales.Core.LeadAds;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;
using AiSales.Dashboard.Localization;
using AiSales.Tests.Fakes;
using AiSales.Tests.LeadAds;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// Why a lead read, an ad account sync, an order event or an Odoo push failed, read from what each stores: Meta's and
/// Odoo's real error bodies (fixtures/meta/responses, fixtures/crm) go through the clients that call them (the lead
/// read, the Conversions API client, the Odoo JSON-RPC client) or the Marketing API's envelope reader, so a change in
/// what they store fails here rather than quietly falling back to the raw English on the page.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ProviderFailureTextTests
{
    // No full body of Meta's "missing permission" refusal is published (fixtures/crm/FACTS.md §A4): Meta's generic envelope
    // around the message fragments seen in the wild, whose codes disagree (200 and 278).
    private const string LeadsPermissionMissing =
        """{"error":{"message":"(#200) Requires leads_retrieval permission to manage the object","type":"OAuthException","code":200,"fbtrace_id":"AbC1dE2fG3hI4jK5lM6nO7p"}}""";
    private const string LeadsPermissionMissing278 =
        """{"error":{"message":"(#278) Requires leads_retrieval permission","type":"OAuthException","code":278,"fbtrace_id":"AqR8sT9uV0wX1yZ2aB3cD4e"}}""";

    // Meta's body → what the lead read stores → the Lead ads page's reason, for a failed read (the attempts ran out).
    [Theory]
    [InlineData("graph_error_190_463_token_expired_metadocs.json", 400, "fail.token.LeadRead")]
    [InlineData("graph_error_190_example_metadocs.json", 401, "fail.token.LeadRead")]
    [InlineData("graph_error_4_app_request_limit_real.json", 400, "fail.rate_limited.gave_up")]
    [InlineData("graph_error_100_33_object_not_found_bindambc.json", 400, "fail.object.LeadRead")]
    [InlineData(nameof(LeadsPermissionMissing), 400, "fail.permission.LeadRead")]
    [InlineData(nameof(LeadsPermissionMissing278), 403, "fail.permission.LeadRead")]
    public async Task A_graph_refusal_of_a_lead_read_has_its_reason(string file, int status, string expected)
    {
        var body = Body(file);
        var read = await ReadLeadAsync(status, body);

        Assert.Equal(expected, ProviderFailureText.LeadReadKey(read.ErrorCode, retrying: false));
        // Meta's words are what the page keeps behind the reason.
        Assert.Contains(JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString()!, read.Error);
    }

    [Fact]
    public async Task A_throttled_lead_read_says_it_waits_and_then_that_it_gave_up()
    {
        var read = await ReadLeadAsync(400, CrmFixtures.Text("meta_graph_error_80001_buc_rate_limit_metadocs.json"));

        Assert.Equal("fail.rate_limited.retrying", ProviderFailureText.LeadReadKey(read.ErrorCode, retrying: true));
        Assert.Equal("fail.rate_limited.gave_up", ProviderFailureText.LeadReadKey(read.ErrorCode, retrying: false));
        // No envelope at all: the HTTP status decides.
        Assert.Equal("fail.temporary.retrying", ProviderFailureText.LeadReadKey((await ReadLeadAsync(502, "<html>Bad Gateway</html>")).ErrorCode, true));
        Assert.Equal("fail.token.LeadRead", ProviderFailureText.LeadReadKey(LeadReadCodes.NoToken, false));
        Assert.Equal("fail.lead.dead_lettered", ProviderFailureText.LeadReadKey(AiSales.Worker.LeadAds.LeadReadDeadLetterHook.ErrorCode, false));
        // Meta's code that says nothing settled, or no code: shown as stored.
        Assert.Null(ProviderFailureText.LeadReadKey("131026", false));
        Assert.Null(ProviderFailureText.LeadReadKey(null, false));
        Assert.Null(ProviderFailureText.LeadReadKey("http_404", false));
    }

    // The Marketing API's envelope reader (the ad account sync) and the sync's state for each kind (CampaignSync).
    [Theory]
    [InlineData("graph_error_190_463_token_expired_metadocs.json", "fail.token.AdAccount")]
    [InlineData("graph_error_100_33_object_not_found_bindambc.json", "fail.object.AdAccount")]
    [InlineData(nameof(LeadsPermissionMissing), "fail.permission.AdAccount")]
    [InlineData("graph_error_4_app_request_limit_real.json", "fail.rate_limited.retrying")]
    public void An_ad_account_sync_refusal_has_its_reason(string file, string expected)
    {
        var error = JsonDocument.Parse(Body(file)).RootElement.GetProperty("error");
        var e = MarketingApiException.FromEnvelope(error, HttpStatusCode.BadRequest, MarketingUsage.None);
        var state = e.Kind switch
        {
            MarketingErrorKind.Token => AdSyncStates.NeedsReconnect,
            MarketingErrorKind.Throttled => AdSyncStates.Throttled,
            _ => AdSyncStates.Failing,
        };

        Assert.Equal(expected, ProviderFailureText.AdAccountKey(state, e.Code));
    }

    [Fact]
    public void A_sync_without_metas_code_is_explained_only_when_throttled()
    {
        // Meta's usage headers near the limit: no code, the state says it.
        Assert.Equal("fail.rate_limited.retrying", ProviderFailureText.AdAccountKey(AdSyncStates.Throttled, null));
        // A timeout, our own storing error, an unreadable saved token: the stored words are all there is.
        Assert.Null(ProviderFailureText.AdAccountKey(AdSyncStates.Failing, null));
        Assert.Null(ProviderFailureText.AdAccountKey(AdSyncStates.NeedsReconnect, null));
    }

    // The Conversions API client's refusal, and the kind the send job stores for it (ConversionSendJob).
    [Theory]
    [InlineData("graph_error_190_463_token_expired_metadocs.json", 400, "failed", "fail.token.Conversions")]
    [InlineData("graph_error_100_33_object_not_found_bindambc.json", 400, "failed", "fail.object.Conversions")]
    [InlineData(nameof(LeadsPermissionMissing), 403, "failed", "fail.permission.Conversions")]
    [InlineData("graph_error_4_app_request_limit_real.json", 400, "pending", "fail.rate_limited.retrying")]
    [InlineData("graph_error_4_app_request_limit_real.json", 400, "failed", "fail.rate_limited.gave_up")]
    public async Task A_conversions_api_refusal_has_its_reason(string file, int status, string state, string expected)
    {
        var e = await Assert.ThrowsAsync<MarketingApiException>(() => SendEventAsync(status, Body(file)));
        var kind = e.Kind switch
        {
            MarketingErrorKind.Token => CapiErrorKinds.Token,
            MarketingErrorKind.Throttled => CapiErrorKinds.Throttled,
            MarketingErrorKind.Transient => CapiErrorKinds.Transient,
            _ => CapiErrorKinds.Rejected,
        };

        Assert.Equal(expected, ProviderFailureText.ConversionsKey(kind, e.Code, retrying: state == CapiEventStates.Pending));
    }

    [Fact]
    public void An_event_without_metas_code_is_explained_by_its_kind()
    {
        Assert.Equal("fail.temporary.retrying", ProviderFailureText.ConversionsKey(CapiErrorKinds.Transient, null, true));
        Assert.Equal("capi.kind.setup", ProviderFailureText.ConversionsKey(CapiErrorKinds.Setup, null, false));
        Assert.Equal("capi.kind.rejected", ProviderFailureText.ConversionsKey(CapiErrorKinds.Rejected, 2804019, false));
        Assert.Null(ProviderFailureText.ConversionsKey(null, null, false));
    }

    // Odoo's answers through the JSON-RPC client, stored as the sync job stores them, read back for the Integrations page.
    [Fact]
    public async Task Odoo_refusals_keep_their_problem_and_words_through_the_stored_text()
    {
        var denied = await OdooFailsAsync(HttpStatusCode.OK, CrmFixtures.Text("odoo_jsonrpc_error_access_denied_real_odoo15.json"));
        var json2 = await OdooFailsAsync(HttpStatusCode.Unauthorized, CrmFixtures.Text("odoo_json2_error_401_invalid_apikey_doc.json"));
        var falseUid = await Assert.ThrowsAsync<OdooException>(() =>
            Odoo(HttpStatusCode.OK, CrmFixtures.Text("odoo_jsonrpc_common_authenticate_bad_credentials_response.json")).AuthenticateAsync(Endpoint, default));
        var unreachable = await Assert.ThrowsAsync<OdooException>(() =>
            new OdooRpcClient(new HttpClient(new Answer(_ => throw new HttpRequestException("Connection refused"))), NullLogger<OdooRpcClient>.Instance)
                .VersionAsync(Endpoint, default));
        var proxy = await OdooFailsAsync(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>");
        var missing = await OdooFailsAsync(HttpStatusCode.OK,
            """{"jsonrpc":"2.0","id":1,"error":{"code":200,"message":"Odoo Server Error","data":{"name":"odoo.exceptions.MissingError","message":"Record does not exist or has been deleted.\n(Record: crm.lead(4012,), User: 2)","arguments":[],"context":{}}}}""");
        var rights = await OdooFailsAsync(HttpStatusCode.OK,
            """{"jsonrpc":"2.0","id":1,"error":{"code":200,"message":"Odoo Server Error","data":{"name":"odoo.exceptions.AccessError","message":"You are not allowed to create 'Lead/Opportunity' (crm.lead) records.","arguments":[],"context":{}}}}""");
        var validation = await OdooFailsAsync(HttpStatusCode.OK,
            """{"jsonrpc":"2.0","id":1,"error":{"code":200,"message":"Odoo Server Error","data":{"name":"odoo.exceptions.ValidationError","message":"The probability of closing the deal should be between 0% and 100%!","arguments":[],"context":{}}}}""");

        Assert.Equal([OdooProblem.BadLogin, OdooProblem.BadLogin, OdooProblem.BadLogin, OdooProblem.Unreachable, OdooProblem.Unreachable,
                OdooProblem.MissingRecord, OdooProblem.AccessDenied, OdooProblem.ServerError],
            new[] { denied, json2, falseUid, unreachable, proxy, missing, rights, validation }.Select(e => e.Problem));

        var stored = OdooFailureRecord.Format(denied);
        Assert.Equal("int.problem.BadLogin", ProviderFailureText.OdooKey(stored));
        Assert.Equal("odoo.exceptions.AccessDenied: Access Denied", ProviderFailureText.OdooWords(stored));
        Assert.Equal("int.problem.BadLogin", ProviderFailureText.OdooKey(OdooFailureRecord.Format(json2)));
        Assert.Contains("Invalid apikey", ProviderFailureText.OdooWords(OdooFailureRecord.Format(json2)));
        Assert.Equal("int.problem.AccessDenied", ProviderFailureText.OdooKey(OdooFailureRecord.Format(rights)));
        // Odoo's own refusal of the values: its words are the explanation, shown as they are (without our class name).
        Assert.Null(ProviderFailureText.OdooKey(OdooFailureRecord.Format(validation)));
        Assert.Equal("odoo.exceptions.ValidationError: The probability of closing the deal should be between 0% and 100%!",
            ProviderFailureText.OdooWords(OdooFailureRecord.Format(validation)));
    }

    [Fact]
    public void Text_not_written_as_an_odoo_failure_is_shown_as_it_is()
    {
        Assert.Null(ProviderFailureText.OdooKey("Odoo did not answer within 15 s."));
        Assert.Null(ProviderFailureText.OdooKey("3: a number is not a problem's name"));
        Assert.Null(ProviderFailureText.OdooKey(null));
        Assert.Equal("x", ProviderFailureText.OdooWords("Timeout: x"));
        Assert.Equal("Odoo did not answer within 15 s.", ProviderFailureText.OdooWords("Odoo did not answer within 15 s."));
        Assert.Equal("int.problem.KeyUnreadable", ProviderFailureText.OdooKey(OdooFailureRecord.Format(OdooProblem.KeyUnreadable, "cannot decrypt")));
        Assert.Equal(OdooFailureRecord.MaxLength, OdooFailureRecord.Format(OdooProblem.ServerError, new string('x', 900)).Length);
    }

    [Fact]
    public void Every_reason_reads_in_arabic_and_english()
    {
        Assert.All(ProviderFailureText.AllKeys().Append("send.details"), key =>
        {
            var (ar, en) = (UiText.Get(key, arabic: true), UiText.Get(key, arabic: false));
            Assert.NotEqual(key, ar);
            Assert.NotEqual(key, en);
            Assert.NotEqual(ar, en);
            Assert.Matches("[\u0600-\u06FF]", ar);
        });
    }

    private static string Body(string name) => name switch
    {
        nameof(LeadsPermissionMissing) => LeadsPermissionMissing,
        nameof(LeadsPermissionMissing278) => LeadsPermissionMissing278,
        _ => FakeFixtures.Response(name),
    };

    private static readonly OdooEndpoint Endpoint = new("https://shop.odoo.example", "shop", "owner@shop.example", "key-never-shown");

    private static async Task<LeadRead> ReadLeadAsync(int status, string body)
    {
        var client = new LeadGraphClient(new Clients(new HttpClient(new Answer(_ => Reply((HttpStatusCode)status, body))) { BaseAddress = new("https://graph.test/") }),
            Options.Create(new AiSales.Core.Channels.MetaOptions()), TimeProvider.System, NullLogger<LeadGraphClient>.Instance);
        var read = await client.ReadAsync("910000000000002", new ChannelCredentials("page-token"), default);
        Assert.Null(read.Lead);
        return read;
    }

    private static Task<ConversionsReceipt> SendEventAsync(int status, string body) =>
        new ConversionsApiClient(new HttpClient(new Answer(_ => Reply((HttpStatusCode)status, body))) { BaseAddress = new("https://graph.test/") },
            Options.Create(new ConversionsOptions())).SendAsync("900000000000003", "token", new JsonObject { ["event_name"] = "Purchase" }, default);

    private static OdooRpcClient Odoo(HttpStatusCode status, string body) =>
        new(new HttpClient(new Answer(_ => Reply(status, body))), NullLogger<OdooRpcClient>.Instance);

    private static Task<OdooException> OdooFailsAsync(HttpStatusCode status, string body) =>
        Assert.ThrowsAsync<OdooException>(() => Odoo(status, body).ExecuteAsync(Endpoint, 2, "crm.lead", "create", [new JsonObject()], null, default));

    private static HttpResponseMessage Reply(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, body.StartsWith('<') ? "text/html" : "application/json") };

    private sealed class Answer(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => Task.FromResult(answer(request));
    }

    private sealed class Clients(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
