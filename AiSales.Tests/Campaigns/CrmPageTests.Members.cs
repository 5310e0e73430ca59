using System.Net;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Dashboard;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiSales.Tests.Campaigns;

/// <summary>Connecting an ad account hands the shop a Meta token: the owner does it; a team member reads the results only.</summary>
public sealed partial class CrmPageTests
{
    [Fact]
    public async Task A_team_member_reads_the_results_but_cannot_connect_an_ad_account()
    {
        const string email = "agent-crm@demo.test", password = "agent-crm-password-2026";
        await DashboardAppFactory.CreateUserAsync(fixture.App.Services, email, password, DashboardAppFactory.DemoMerchantId, MemberRole.Agent);
        using var agent = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.True(DashboardAppFactory.IsRedirectTo(await DashboardAppFactory.LoginAsync(agent, email, password), "/"));

        var page = await agent.GetStringAsync("/crm");
        Assert.Contains("data-testid=\"crm-range\"", page);
        Assert.DoesNotContain("data-testid=\"connect-form\"", page);
        Assert.DoesNotContain("data-testid=\"rate-form\"", page);

        var before = await fixture.Base.ScalarAsync<long>("SELECT count(*) FROM ad_accounts");
        var post = await agent.PostAsync("/crm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "crm-connect", ["accountId"] = "act_555000111", ["token"] = "EAAG-agent-token",
            ["__RequestVerificationToken"] = await DashboardAppFactory.AntiforgeryTokenAsync(agent, "/crm"),
        }));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(before, await fixture.Base.ScalarAsync<long>("SELECT count(*) FROM ad_accounts"));

        using var owner = await SignedInAsync();
        Assert.Contains("data-testid=\"connect-form\"", await owner.GetStringAsync("/crm"));
    }
}
