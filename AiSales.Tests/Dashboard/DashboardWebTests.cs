using System.Net;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Dashboard;

/// <summary>Login, no lockout, redirects, language direction and tenant isolation through real HTTP requests.</summary>
public sealed class DashboardWebTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardAppFactory App => fixture.App;

    [Fact]
    public async Task Demo_credentials_sign_in_and_reach_home()
    {
        using var client = App.Browser();
        var response = await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        Assert.True(DashboardAppFactory.IsRedirectTo(response, "/"), $"expected redirect to /, got {(int)response.StatusCode} {response.Headers.Location}");
        Assert.False(DashboardAppFactory.IsRedirectTo(response, "/account/login"));

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"stat-new-conversations\"", html);
        Assert.Contains("Baghdad Style", html);
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        using var client = App.Browser();
        var response = await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, "not-the-password-123");
        Assert.True(DashboardAppFactory.IsRedirectTo(response, "/account/login?error=failed"), $"got {response.Headers.Location}");
        Assert.True(DashboardAppFactory.IsRedirectTo(await client.GetAsync("/"), "/account/login"));
    }

    [Fact]
    public async Task Failed_logins_never_lock_the_account()
    {
        // An anonymous caller must not be able to keep the owner out by failing on purpose: LoginThrottlingTests.
        const string email = "agent-lockout@demo.test", password = "agent-password-2026";
        await DashboardAppFactory.CreateUserAsync(App.Services, email, password, DashboardAppFactory.DemoMerchantId, MemberRole.Agent);

        using var client = App.Browser();
        for (var i = 1; i <= 4; i++)
            Assert.True(DashboardAppFactory.IsRedirectTo(await DashboardAppFactory.LoginAsync(client, email, "wrong-password-xyz"), "/account/login?error=failed"));

        var withRightPassword = await DashboardAppFactory.LoginAsync(client, email, password);
        Assert.False(DashboardAppFactory.IsRedirectTo(withRightPassword, "/account/login"), $"got {withRightPassword.Headers.Location}");
        Assert.Equal(0, await App.ScalarAsync<int>($"SELECT access_failed_count FROM users WHERE normalized_email = '{email.ToUpperInvariant()}'"));
        Assert.Equal(0, await App.ScalarAsync<int>($"SELECT count(*) FROM users WHERE lockout_end IS NOT NULL AND normalized_email = '{email.ToUpperInvariant()}'"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/inbox")]
    [InlineData("/leads")]
    [InlineData("/catalog")]
    public async Task Anonymous_requests_are_sent_to_login(string path)
    {
        using var client = App.Browser();
        var response = await client.GetAsync(path);
        Assert.True(DashboardAppFactory.IsRedirectTo(response, "/account/login"), $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Arabic_renders_right_to_left_and_English_left_to_right()
    {
        using var client = App.Browser();
        var arabic = await client.GetStringAsync("/account/login");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic);
        Assert.Contains("تسجيل الدخول", arabic);

        // Switch language the way the page does: its form posts to /preferences/language and sets the culture cookie.
        var token = System.Text.RegularExpressions.Regex.Match(arabic, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var switched = await client.PostAsync("/preferences/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en", ["returnUrl"] = "/account/login", ["__RequestVerificationToken"] = token,
        }));
        Assert.True(DashboardAppFactory.IsRedirectTo(switched, "/account/login"), $"got {(int)switched.StatusCode}");
        var english = await client.GetStringAsync("/account/login");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", english);
        Assert.Contains("Sign in", english);
    }

    [Fact]
    public async Task Another_merchants_conversation_id_in_the_url_is_404()
    {
        using var client = App.Browser();
        await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        var own = await App.ScalarAsync<Guid>($"SELECT id FROM conversations WHERE merchant_id = '{DashboardAppFactory.DemoMerchantId}' LIMIT 1");
        var foreign = await App.ScalarAsync<Guid>($"SELECT id FROM conversations WHERE merchant_id = '{DashboardAppFactory.OtherMerchantId}' LIMIT 1");

        var ownPage = await client.GetAsync($"/inbox/{own}");
        Assert.Equal(HttpStatusCode.OK, ownPage.StatusCode);
        var ownHtml = await ownPage.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"composer\"", ownHtml);
        // Messages that arrive live are announced by screen readers (a log region), not silently swapped in.
        Assert.Matches("data-testid=\"messages\"[^>]*role=\"log\" aria-live=\"polite\"", ownHtml);

        var foreignPage = await client.GetAsync($"/inbox/{foreign}");
        Assert.Equal(HttpStatusCode.NotFound, foreignPage.StatusCode);
        var body = await foreignPage.Content.ReadAsStringAsync();
        Assert.DoesNotContain(foreign.ToString(), body);
        Assert.DoesNotContain("زينب", body);
    }

    [Fact]
    public async Task Inbox_list_shows_only_the_signed_in_merchants_conversations()
    {
        using var client = App.Browser();
        await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        var html = await client.GetStringAsync("/inbox");
        var own = await App.ScalarAsync<long>($"SELECT count(*) FROM conversations WHERE merchant_id = '{DashboardAppFactory.DemoMerchantId}'");
        Assert.True(own > 0);
        Assert.Equal(own, System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"conversation-row\"").Count);
        var foreign = await App.ScalarAsync<Guid>($"SELECT id FROM conversations WHERE merchant_id = '{DashboardAppFactory.OtherMerchantId}' LIMIT 1");
        Assert.DoesNotContain(foreign.ToString(), html);
    }

    [Fact]
    public async Task Change_feed_wakes_only_the_merchant_whose_data_changed()
    {
        // The interactive inbox subscribes with its circuit's merchant (LiveComponent); this is what it hears.
        var feed = App.Services.GetRequiredService<AiSales.Dashboard.Live.MerchantChangeFeed>();
        var mine = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var others = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var a = feed.Subscribe(DashboardAppFactory.DemoMerchantId, mine.Enqueue);
        using var b = feed.Subscribe(DashboardAppFactory.OtherMerchantId, others.Enqueue);
        Task WaitForAsync(Func<bool> heard) => Eventually.UntilAsync(heard, "the change signal", TimeSpan.FromSeconds(10));

        // The other merchant's message: only the other merchant's subscriber hears it.
        await App.ExecuteAsync(MessageArrives(DashboardAppFactory.OtherMerchantId, "جديد"));
        await WaitForAsync(() => others.Contains("messages") && others.Contains("conversations"));
        // Its own message afterwards: heard by the demo merchant, and (NOTIFY keeps order) only after the other's, so an
        // empty queue for the demo merchant before it means the other merchant's signal never reached it.
        Assert.Empty(mine);
        await App.ExecuteAsync(MessageArrives(DashboardAppFactory.DemoMerchantId, "جديد"));
        await WaitForAsync(() => mine.Contains("messages") && mine.Contains("conversations"));
        await App.ExecuteAsync(LeadChanges(DashboardAppFactory.DemoMerchantId));
        await WaitForAsync(() => mine.Contains("contacts"));
        Assert.DoesNotContain("contacts", others);
    }

    /// <summary>A lead change as the reply stores it (LeadUpdater.Plan): stage, score and updated_at of one contact.</summary>
    private static string LeadChanges(Guid merchantId) => $"""
        UPDATE contacts SET stage = 'ordering', score = 60, updated_at = clock_timestamp()
        WHERE id = (SELECT id FROM contacts WHERE merchant_id = '{merchantId}' ORDER BY updated_at LIMIT 1)
        """;

    /// <summary>An inbound message as the pipeline stores it: the message row and its conversation's activity (updated_at).</summary>
    private static string MessageArrives(Guid merchantId, string text) => $"""
        WITH c AS (UPDATE conversations SET last_message_at = now(), unread_count = unread_count + 1, updated_at = clock_timestamp()
                   WHERE id = (SELECT id FROM conversations WHERE merchant_id = '{merchantId}' LIMIT 1)
                   RETURNING id, merchant_id, channel_account_id)
        INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, text, status)
        SELECT merchant_id, id, channel_account_id, 'inbound', 'customer', '{text}', 'received' FROM c
        """;

    [Fact]
    public async Task Inbox_filters_narrow_the_list()
    {
        using var client = App.Browser();
        await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        int Rows(string html) => System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"conversation-row\"").Count;
        var expected = await App.ScalarAsync<long>($"SELECT count(*) FROM conversations WHERE merchant_id = '{DashboardAppFactory.DemoMerchantId}' AND needs_attention");
        Assert.True(expected > 0);
        Assert.Equal(expected, Rows(await client.GetStringAsync("/inbox?attention=1")));
        var human = await App.ScalarAsync<long>($"SELECT count(*) FROM conversations WHERE merchant_id = '{DashboardAppFactory.DemoMerchantId}' AND owner = 'human'");
        Assert.Equal(human, Rows(await client.GetStringAsync("/inbox?owner=human")));
        Assert.Equal(0, Rows(await client.GetStringAsync("/inbox?channel=whatsapp")));
    }

    [Fact]
    public async Task A_member_of_two_merchants_can_switch_and_then_sees_only_the_other_shop()
    {
        const string email = "two-shops@demo.test", password = "two-shops-password-1";
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<AiSalesDbContext>();
            db.MerchantMembers.Add(new MerchantMember { MerchantId = DashboardAppFactory.DemoMerchantId, UserId = user.Id, Role = MemberRole.Agent, CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
            db.MerchantMembers.Add(new MerchantMember { MerchantId = DashboardAppFactory.OtherMerchantId, UserId = user.Id, Role = MemberRole.Owner });
            await db.SaveChangesAsync();
        }
        var demoConversation = await App.ScalarAsync<Guid>($"SELECT id FROM conversations WHERE merchant_id = '{DashboardAppFactory.DemoMerchantId}' LIMIT 1");
        var otherConversation = await App.ScalarAsync<Guid>($"SELECT id FROM conversations WHERE merchant_id = '{DashboardAppFactory.OtherMerchantId}' LIMIT 1");

        using var client = App.Browser();
        await DashboardAppFactory.LoginAsync(client, email, password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/inbox/{demoConversation}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/inbox/{otherConversation}")).StatusCode);

        var page = await client.GetStringAsync("/");
        Assert.Contains("data-testid=\"switch-merchant\"", page);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var switched = await client.PostAsync("/account/switch-merchant", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["merchantId"] = DashboardAppFactory.OtherMerchantId.ToString(), ["__RequestVerificationToken"] = token,
        }));
        Assert.True(DashboardAppFactory.IsRedirectTo(switched, "/"), $"got {(int)switched.StatusCode}");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/inbox/{otherConversation}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/inbox/{demoConversation}")).StatusCode);
        Assert.Contains("Other shop", await client.GetStringAsync("/"));
    }
}
