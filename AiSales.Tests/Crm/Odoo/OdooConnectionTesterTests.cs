using AiSales.Core.Crm.Odoo;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSales.Tests.Crm.Odoo;

/// <summary>"Test connection" names what is wrong in the merchant's terms, against the fake Odoo's real wire format.</summary>
public sealed class OdooConnectionTesterTests : IAsyncLifetime
{
    private FakeOdoo _odoo = null!;

    public async Task InitializeAsync() => _odoo = await FakeOdoo.StartNewAsync();

    public async Task DisposeAsync() => await _odoo.DisposeAsync();

    private static OdooConnectionTester Tester(TimeSpan? timeout = null) =>
        new(new OdooRpcClient(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(5) }, NullLogger<OdooRpcClient>.Instance));

    private Task<OdooTestResult> TestAsync(string? url = null, string db = FakeOdoo.Db, string login = FakeOdoo.Login, string key = FakeOdoo.Key, TimeSpan? timeout = null) =>
        Tester(timeout).TestAsync(new OdooEndpoint(url ?? _odoo.BaseUrl, db, login, key), default);

    [Fact]
    public async Task A_working_connection_reports_the_version_and_the_crm_stages()
    {
        var result = await TestAsync(_odoo.BaseUrl + "/odoo/");
        Assert.True(result.Ok);
        Assert.Equal("17.0", result.Version);
        Assert.Equal(["New", "Qualified", "Proposition", "Won"], result.Stages.Select(s => s.Name));
        Assert.True(result.Stages.Single(s => s.Name == "Won").IsWon);
    }

    [Fact]
    public async Task Each_kind_of_mistake_gets_its_own_problem()
    {
        // authenticate answers false, not an error, for a bad key or login.
        Assert.Equal(OdooProblem.BadLogin, (await TestAsync(key: "wrong")).Problem);
        Assert.Equal(OdooProblem.BadLogin, (await TestAsync(login: "someone@else")).Problem);
        Assert.Equal(OdooProblem.BadDatabase, (await TestAsync(db: "nope")).Problem);

        _odoo.HasCrm = false;
        Assert.Equal(OdooProblem.MissingModel, (await TestAsync()).Problem);
        _odoo.HasCrm = true;

        await using (var notOdoo = await FakeManyChat.StartNewAsync())
            Assert.Equal(OdooProblem.NotOdoo, (await TestAsync(notOdoo.BaseUrl)).Problem);
        Assert.Equal(OdooProblem.Unreachable, (await TestAsync("http://127.0.0.1:1")).Problem);
        Assert.Equal(OdooProblem.Unreachable, (await TestAsync("ftp://odoo.example")).Problem);

        _odoo.FailNext(1, FakeFault.HangFor(TimeSpan.FromSeconds(5)));
        var slow = await TestAsync(timeout: TimeSpan.FromMilliseconds(300));
        Assert.Equal(OdooProblem.Timeout, slow.Problem);
    }

    [Fact]
    public async Task Odoo_error_envelopes_are_classified_by_their_exception_name()
    {
        // A key revoked after login: execute_kw answers the AccessDenied envelope of the captured response.
        var rpc = new OdooRpcClient(new HttpClient(), NullLogger<OdooRpcClient>.Instance);
        var endpoint = new OdooEndpoint(_odoo.BaseUrl, FakeOdoo.Db, FakeOdoo.Login, "revoked");
        var error = await Assert.ThrowsAsync<OdooException>(() => rpc.ExecuteAsync(endpoint, FakeOdoo.Uid, "crm.lead", "search_read", [new System.Text.Json.Nodes.JsonArray()], null, default));
        Assert.Equal(OdooProblem.BadLogin, error.Problem);
        Assert.Contains("odoo.exceptions.AccessDenied", error.Message);
        Assert.DoesNotContain("revoked", error.Message);
    }
}
