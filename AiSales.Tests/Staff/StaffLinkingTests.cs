using System.Text.RegularExpressions;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Staff.Linking;
using AiSales.Core.Tenancy;
using AiSales.Tests.Dashboard;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Staff;

/// <summary>
/// Linking a team member's WhatsApp number (StaffPhoneLinks, as the Team page calls it) against the dashboard's real
/// database: the demo shop gets a WhatsApp number and an agent; the other shop a WhatsApp number and its own owner.
/// Each test links its own phone numbers, so the tests share the host without seeing each other's rows.
/// </summary>
public sealed partial class StaffLinkingTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>, IAsyncLifetime
{
    private DashboardAppFactory App => fixture.App;
    private static Guid A => DashboardAppFactory.DemoMerchantId;
    private static Guid B => DashboardAppFactory.OtherMerchantId;
    private const string AgentEmail = "agent@staff-linking.test", OtherOwnerEmail = "owner@other-staff.test", Password = "correct-horse-2026";

    private Guid _owner, _agent, _otherOwner, _shopNumber, _instagram, _otherShopNumber;

    public async Task InitializeAsync()
    {
        _owner = await UserIdAsync(DashboardAppFactory.DemoEmail);
        if (await App.ScalarAsync<int>($"SELECT count(*)::int FROM users WHERE email = '{AgentEmail}'") == 0)
        {
            await DashboardAppFactory.CreateUserAsync(App.Services, AgentEmail, Password, A, MemberRole.Agent);
            await DashboardAppFactory.CreateUserAsync(App.Services, OtherOwnerEmail, Password, B, MemberRole.Owner);
            await App.ExecuteAsync($"""
                INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
                VALUES ('{A}', 'whatsapp', 'sandbox', 'wa-demo-shop', '+964 780 000 0001'),
                       ('{B}', 'whatsapp', 'sandbox', 'wa-other-shop', '+964 780 000 0002');
                """);
        }
        _agent = await UserIdAsync(AgentEmail);
        _otherOwner = await UserIdAsync(OtherOwnerEmail);
        _shopNumber = await App.ScalarAsync<Guid>("SELECT id FROM channel_accounts WHERE external_id = 'wa-demo-shop'");
        _otherShopNumber = await App.ScalarAsync<Guid>("SELECT id FROM channel_accounts WHERE external_id = 'wa-other-shop'");
        _instagram = await App.ScalarAsync<Guid>($"SELECT id FROM channel_accounts WHERE merchant_id = '{A}' AND platform = 'instagram' ORDER BY created_at LIMIT 1");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Guid> UserIdAsync(string email) => App.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");

    /// <summary>StaffPhoneLinks as the Team page gets it: a scope whose current merchant and user are the signed-in ones.</summary>
    private async Task<T> AsAsync<T>(Guid merchantId, Guid userId, Func<StaffPhoneLinks, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentMerchant>().Set(merchantId, userId);
        return await work(scope.ServiceProvider.GetRequiredService<StaffPhoneLinks>());
    }

    private Task<StaffLinkResult> StartAsync(string phone, Guid? userId = null, Guid? channel = null, Guid? actor = null) =>
        AsAsync(A, actor ?? _owner, l => l.StartAsync(userId ?? _agent, phone, channel ?? _shopNumber));

    private Task<StaffLinkResult> VerifyAsync(Guid id, string code, Guid? actor = null) => AsAsync(A, actor ?? _owner, l => l.VerifyAsync(id, code));

    /// <summary>The code in the latest message queued to the phone (the only place the plain code exists).</summary>
    private async Task<string> SentCodeAsync(Guid staffPhoneId) => CodeIn(await App.ScalarAsync<string>(
        $"SELECT text FROM staff_messages WHERE staff_phone_id = '{staffPhoneId}' ORDER BY created_at DESC, id DESC LIMIT 1"));

    private static string CodeIn(string text) => SixDigits().Match(text).Value;

    private static string Other(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");

    private Task<int> CountAsync(string sql) => App.ScalarAsync<int>($"SELECT count(*)::int FROM {sql}");

    [Fact]
    public async Task Start_links_the_number_queues_the_code_message_and_its_send_job_and_audits()
    {
        var result = await StartAsync("0770 111 0001");

        Assert.Equal(StaffLinkOutcome.Started, result.Outcome);
        var id = result.StaffPhoneId!.Value;
        Assert.Equal($"{A}|{_agent}|{_shopNumber}|9647701110001|32|0|false|true", await App.ScalarAsync<string>($"""
            SELECT merchant_id || '|' || user_id || '|' || channel_account_id || '|' || phone || '|' || octet_length(code_hash) || '|'
                   || code_attempts || '|' || (verified_at IS NOT NULL) || '|' || (code_expires_at BETWEEN now() + interval '9 minutes' AND now() + interval '10 minutes')
            FROM staff_phones WHERE id = '{id}' AND created_by = '{_owner}'
            """));

        var message = await App.ScalarAsync<string>(
            $"SELECT id || '|' || direction || '|' || status || '|' || intent || '|' || text FROM staff_messages WHERE staff_phone_id = '{id}' AND merchant_id = '{A}'");
        var parts = message.Split('|', 5);
        Assert.Equal(["outbound", "pending", "staff.code"], parts[1..4]);
        Assert.Contains("رمز ربط رقمك بفريق", parts[4]);
        Assert.Contains("Your AiSales team code", parts[4]);
        var code = CodeIn(parts[4]);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(2, Regex.Matches(parts[4], code).Count); // once in Arabic, once in English
        // The code itself is stored only as its hash.
        Assert.Equal(0, await CountAsync($"staff_phones WHERE id = '{id}' AND code_hash = sha256(convert_to('{code}', 'UTF8'))"));

        var jobs = await QueueWork.WaitingMessagesAsync<SendStaffMessage>(App.Services);
        Assert.Contains(new SendStaffMessage(Guid.Parse(parts[0])), jobs);

        Assert.Equal(1, await CountAsync($"""
            audit_log WHERE action = 'staff.phone_link_started' AND entity_type = 'staff_phone' AND entity_id = '{id}'
            AND merchant_id = '{A}' AND actor_user_id = '{_owner}' AND details->>'phone' = '9647701110001' AND details::text NOT LIKE '%{code}%'
            """));
    }

    [Fact]
    public async Task An_agent_can_neither_link_nor_resend_nor_unlink()
    {
        Assert.Equal(StaffLinkOutcome.NotOwner, (await StartAsync("07701110002", userId: _agent, actor: _agent)).Outcome);
        Assert.Equal(0, await CountAsync("staff_phones WHERE phone = '9647701110002'"));

        var id = (await StartAsync("07701110003")).StaffPhoneId!.Value;
        Assert.Equal(StaffLinkOutcome.NotOwner, (await AsAsync(A, _agent, l => l.ResendAsync(id))).Outcome);
        Assert.Equal(StaffLinkOutcome.NotOwner, (await AsAsync(A, _agent, l => l.UnlinkAsync(id))).Outcome);
        Assert.Equal(1, await CountAsync($"staff_phones WHERE id = '{id}'"));
        Assert.Equal(1, await CountAsync($"staff_messages WHERE staff_phone_id = '{id}'"));
        var team = await AsAsync(A, _agent, l => l.ListAsync());
        Assert.False(team.CanManage);
    }

    [Fact]
    public async Task Another_shops_number_or_member_and_a_channel_that_is_not_WhatsApp_are_refused()
    {
        Assert.Equal(StaffLinkOutcome.NotWhatsAppChannel, (await StartAsync("07701110004", channel: _otherShopNumber)).Outcome);
        Assert.Equal(StaffLinkOutcome.NotWhatsAppChannel, (await StartAsync("07701110004", channel: _instagram)).Outcome);
        Assert.Equal(StaffLinkOutcome.NotMember, (await StartAsync("07701110004", userId: _otherOwner)).Outcome);
        Assert.Equal(0, await CountAsync("staff_phones WHERE phone = '9647701110004'"));

        // And the other shop's owner cannot touch the demo shop's link.
        var id = (await StartAsync("07701110005")).StaffPhoneId!.Value;
        Assert.Equal(StaffLinkOutcome.NotFound, (await AsAsync(B, _otherOwner, l => l.UnlinkAsync(id))).Outcome);
        Assert.Equal(StaffLinkOutcome.NotFound, (await AsAsync(B, _otherOwner, l => l.VerifyAsync(id, "123456"))).Outcome);
        Assert.DoesNotContain((await AsAsync(B, _otherOwner, l => l.ListAsync())).Members, m => m.Phones.Any(p => p.Id == id));
    }

    [Fact]
    public async Task A_number_that_is_not_one_or_is_linked_already_says_so()
    {
        Assert.Equal(StaffLinkOutcome.InvalidPhone, (await StartAsync("0770 111 000")).Outcome);
        Assert.Equal(StaffLinkOutcome.Started, (await StartAsync("+964 770 111 0006")).Outcome);
        // The same number in another form, even for another member: linked once per shop number.
        Assert.Equal(StaffLinkOutcome.AlreadyLinked, (await StartAsync("٠٧٧٠١١١٠٠٠٦", userId: _owner)).Outcome);
        Assert.Equal(1, await CountAsync("staff_phones WHERE phone = '9647701110006'"));
    }

    [Fact]
    public async Task Wrong_codes_are_counted_five_lock_the_link_and_only_a_new_code_unlocks_it()
    {
        var id = (await StartAsync("07701110007")).StaffPhoneId!.Value;
        var code = await SentCodeAsync(id);
        for (var left = 4; left >= 1; left--)
            Assert.Equal(new StaffLinkResult(StaffLinkOutcome.WrongCode, id, left), await VerifyAsync(id, Other(code)));
        Assert.Equal(StaffLinkOutcome.Locked, (await VerifyAsync(id, Other(code))).Outcome);
        // Locked: even the right code is refused now.
        Assert.Equal(StaffLinkOutcome.Locked, (await VerifyAsync(id, code)).Outcome);
        Assert.Equal(5, await App.ScalarAsync<int>($"SELECT code_attempts FROM staff_phones WHERE id = '{id}'"));
        Assert.Equal(StaffPhoneState.Locked, (await PhoneAsync(id)).State);

        // A new code at most once a minute.
        Assert.Equal(StaffLinkOutcome.TooSoon, (await AsAsync(A, _owner, l => l.ResendAsync(id))).Outcome);
        await App.ExecuteAsync($"UPDATE staff_phones SET code_expires_at = code_expires_at - interval '61 seconds' WHERE id = '{id}'");
        Assert.Equal(StaffLinkOutcome.Resent, (await AsAsync(A, _owner, l => l.ResendAsync(id))).Outcome);
        var fresh = await SentCodeAsync(id);
        Assert.Equal(2, await CountAsync($"staff_messages WHERE staff_phone_id = '{id}' AND intent = 'staff.code'"));
        Assert.Equal(0, await App.ScalarAsync<int>($"SELECT code_attempts FROM staff_phones WHERE id = '{id}'"));
        if (fresh != code) Assert.Equal(StaffLinkOutcome.WrongCode, (await VerifyAsync(id, code)).Outcome); // the old one is gone
        Assert.Equal(StaffLinkOutcome.Verified, (await VerifyAsync(id, fresh)).Outcome);
    }

    [Fact]
    public async Task An_expired_code_is_refused()
    {
        var id = (await StartAsync("07701110008")).StaffPhoneId!.Value;
        var code = await SentCodeAsync(id);
        await App.ExecuteAsync($"UPDATE staff_phones SET code_expires_at = now() - interval '1 second' WHERE id = '{id}'");

        Assert.Equal(StaffLinkOutcome.Expired, (await VerifyAsync(id, code)).Outcome);
        Assert.Equal(0, await CountAsync($"staff_phones WHERE id = '{id}' AND verified_at IS NOT NULL"));
        Assert.Equal(StaffPhoneState.Expired, (await PhoneAsync(id)).State);
    }

    [Fact]
    public async Task The_right_code_verifies_the_number_clears_the_code_and_audits()
    {
        var id = (await StartAsync("07701110009")).StaffPhoneId!.Value;
        var code = await SentCodeAsync(id);
        Assert.Equal(StaffPhoneState.Waiting, (await PhoneAsync(id)).State);

        // Typed by the member themselves (an agent), in Arabic digits with a space.
        var typed = string.Concat(code.Select(c => (char)('٠' + (c - '0')))).Insert(3, " ");
        Assert.Equal(StaffLinkOutcome.Verified, (await VerifyAsync(id, typed, actor: _agent)).Outcome);
        Assert.Equal("true|true|true|0", await App.ScalarAsync<string>(
            $"SELECT (verified_at IS NOT NULL) || '|' || (code_hash IS NULL) || '|' || (code_expires_at IS NULL) || '|' || code_attempts FROM staff_phones WHERE id = '{id}'"));
        Assert.Equal(StaffLinkOutcome.AlreadyVerified, (await VerifyAsync(id, code)).Outcome);
        Assert.Equal(StaffPhoneState.Verified, (await PhoneAsync(id)).State);
        Assert.Equal(1, await CountAsync($"""
            audit_log WHERE action = 'staff.phone_verified' AND entity_id = '{id}' AND merchant_id = '{A}' AND actor_user_id = '{_agent}'
            """));
    }

    [Fact]
    public async Task Another_agent_cannot_type_the_code_of_someone_elses_number()
    {
        var id = (await StartAsync("07701110010", userId: _owner)).StaffPhoneId!.Value;
        Assert.Equal(StaffLinkOutcome.NotOwner, (await VerifyAsync(id, await SentCodeAsync(id), actor: _agent)).Outcome);
        Assert.Equal(0, await CountAsync($"staff_phones WHERE id = '{id}' AND verified_at IS NOT NULL"));
    }

    [Fact]
    public async Task Unlinking_removes_the_number_and_audits()
    {
        var id = (await StartAsync("07701110011")).StaffPhoneId!.Value;
        Assert.Equal(StaffLinkOutcome.Verified, (await VerifyAsync(id, await SentCodeAsync(id))).Outcome);

        Assert.Equal(StaffLinkOutcome.Unlinked, (await AsAsync(A, _owner, l => l.UnlinkAsync(id))).Outcome);
        Assert.Equal(0, await CountAsync($"staff_phones WHERE id = '{id}'"));
        Assert.Equal(StaffLinkOutcome.NotFound, (await AsAsync(A, _owner, l => l.UnlinkAsync(id))).Outcome);
        Assert.Equal(1, await CountAsync($"""
            audit_log WHERE action = 'staff.phone_unlinked' AND entity_id = '{id}' AND merchant_id = '{A}' AND actor_user_id = '{_owner}'
            AND details->>'phone' = '9647701110011' AND details->>'was_verified' = 'true'
            """));
        // Linkable again once unlinked.
        Assert.Equal(StaffLinkOutcome.Started, (await StartAsync("07701110011")).Outcome);
    }

    [Fact]
    public async Task A_failed_code_message_shows_as_such_on_the_list()
    {
        var id = (await StartAsync("07701110012")).StaffPhoneId!.Value;
        await App.ExecuteAsync($"UPDATE staff_messages SET status = 'failed', error = '131047 re-engagement' WHERE staff_phone_id = '{id}'");
        var phone = await PhoneAsync(id);
        Assert.Equal((StaffPhoneState.SendFailed, "131047 re-engagement"), (phone.State, phone.CodeMessageError));
    }

    private async Task<LinkedPhone> PhoneAsync(Guid id) =>
        (await AsAsync(A, _owner, l => l.ListAsync())).Members.SelectMany(m => m.Phones).Single(p => p.Id == id);

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
