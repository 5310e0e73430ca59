using AiSales.Core.Analytics;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.MerchantApi;
using AiSales.Tests.Persistence;

namespace AiSales.Tests.Analytics;

/// <summary>
/// A merchant in Baghdad (UTC+3) with three days of known traffic, and a second merchant whose rows must never count.
/// Day 1 = 2026-03-01 local. Times below are local Baghdad times converted to UTC.
/// </summary>
public sealed class MerchantAnalyticsTests : IAsyncLifetime
{
    private static readonly TimeSpan Baghdad = TimeSpan.FromHours(3);
    private static DateTimeOffset Local(int day, int hour, int minute = 0, int second = 0) =>
        new DateTimeOffset(2026, 3, day, hour, minute, second, Baghdad).ToUniversalTime();

    private static readonly AnalyticsRange Range = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 3));

    private PersistenceDatabase _db = null!;
    private TenantSeed _shop = null!;
    private MerchantAnalytics _analytics = null!;

    public async Task InitializeAsync()
    {
        _db = await PersistenceDatabase.CreateAsync(migrate: true);
        _analytics = new MerchantAnalytics(_db.DataSource);
        await using var ctx = _db.CreateContext();
        _shop = await TenantSeed.MerchantAsync(ctx);
        var noise = await TenantSeed.MerchantAsync(ctx);

        // Contacts gained in range: 2 ad (1 won), 1 story (won), 1 comment, 1 ctwa (counts as ad), 1 with no touch (organic, lost).
        var ig1 = await _shop.ContactAsync(ChannelPlatform.Instagram, LeadStage.Won, source: "ad", createdAt: Local(1, 9));
        var ig2 = await _shop.ContactAsync(ChannelPlatform.Instagram, LeadStage.Interested, source: "ad", createdAt: Local(1, 10));
        var ig3 = await _shop.ContactAsync(ChannelPlatform.Instagram, LeadStage.Won, source: "story", createdAt: Local(2, 11));
        await _shop.ContactAsync(ChannelPlatform.Instagram, LeadStage.Engaged, source: "comment", createdAt: Local(3, 12));
        var wa = await _shop.ContactAsync(ChannelPlatform.WhatsApp, LeadStage.New, source: "ctwa", createdAt: Local(3, 13));
        await _shop.ContactAsync(ChannelPlatform.Messenger, LeadStage.Lost, createdAt: Local(3, 14));
        // Outside the range (local 2026-02-28 23:30 = UTC 20:30) and the other merchant: never counted.
        await _shop.ContactAsync(ChannelPlatform.Instagram, LeadStage.Won, source: "ad", createdAt: new DateTimeOffset(2026, 2, 28, 23, 30, 0, Baghdad).ToUniversalTime());
        await noise.ContactAsync(ChannelPlatform.Instagram, LeadStage.Won, source: "ad", createdAt: Local(2, 9));

        // Day 1, ig1: burst of two customer messages answered by AI 10 s after the first; later a new burst answered by a human after 60 s.
        var c1 = await _shop.ConversationAsync(ig1, createdAt: Local(1, 9));
        await _shop.MessageAsync(c1, MessageAuthor.Customer, Local(1, 9, 0, 0));
        await _shop.MessageAsync(c1, MessageAuthor.Customer, Local(1, 9, 0, 5));
        await _shop.MessageAsync(c1, MessageAuthor.Ai, Local(1, 9, 0, 10));
        await _shop.MessageAsync(c1, MessageAuthor.Customer, Local(1, 9, 5, 0));
        await _shop.MessageAsync(c1, MessageAuthor.Human, Local(1, 9, 6, 0));
        // Day 1 late evening local (UTC day 2): 23:50 local is still 2026-03-01 locally. AI answers after 30 s; a failed AI reply before it does not count.
        var c2 = await _shop.ConversationAsync(ig2, createdAt: Local(1, 23, 50));
        await _shop.MessageAsync(c2, MessageAuthor.Customer, Local(1, 23, 50, 0));
        await _shop.MessageAsync(c2, MessageAuthor.Ai, Local(1, 23, 50, 10), status: MessageStatus.Failed);
        await _shop.MessageAsync(c2, MessageAuthor.Ai, Local(1, 23, 50, 30));
        // Day 2: ig3 asks, AI answers after 20 s.
        var c3 = await _shop.ConversationAsync(ig3, createdAt: Local(2, 11));
        await _shop.MessageAsync(c3, MessageAuthor.Customer, Local(2, 11, 0, 0));
        await _shop.MessageAsync(c3, MessageAuthor.Ai, Local(2, 11, 0, 20));
        // Day 3: WhatsApp customer asks and nobody has answered yet.
        var c4 = await _shop.ConversationAsync(wa, createdAt: Local(3, 13));
        await _shop.MessageAsync(c4, MessageAuthor.Customer, Local(3, 13, 0, 0));
        // The other merchant's traffic on day 2.
        var n = await noise.ConversationAsync(await noise.ContactAsync(ChannelPlatform.Instagram, createdAt: Local(2, 9)), createdAt: Local(2, 9));
        await noise.MessageAsync(n, MessageAuthor.Customer, Local(2, 9));
        await noise.MessageAsync(n, MessageAuthor.Ai, Local(2, 9, 0, 1));
    }

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task Messages_per_day_by_channel_cut_at_local_midnight()
    {
        var days = await _analytics.MessagesPerDayAsync(_shop.MerchantId, Range);

        Assert.Equal(new ChannelDay(new(2026, 3, 1), "instagram", 4, 4), days.Single(d => d.Day.Day == 1 && d.Channel == "instagram"));
        Assert.Equal(new ChannelDay(new(2026, 3, 2), "instagram", 1, 1), days.Single(d => d.Day.Day == 2 && d.Channel == "instagram"));
        Assert.Equal(new ChannelDay(new(2026, 3, 3), "whatsapp", 1, 0), days.Single(d => d.Day.Day == 3 && d.Channel == "whatsapp"));
        Assert.Equal(new ChannelDay(new(2026, 3, 1), "whatsapp", 0, 0), days.Single(d => d.Day.Day == 1 && d.Channel == "whatsapp"));
        Assert.Equal(6, days.Count); // 3 days x 2 channels seen
    }

    [Fact]
    public async Task Ai_and_human_replies_per_day_skip_failed_sends()
    {
        var days = await _analytics.RepliesPerDayAsync(_shop.MerchantId, Range);
        Assert.Equal(
            [new ReplyAuthorsDay(new(2026, 3, 1), 2, 1), new ReplyAuthorsDay(new(2026, 3, 2), 1, 0), new ReplyAuthorsDay(new(2026, 3, 3), 0, 0)],
            days);
    }

    [Fact]
    public async Task First_response_is_measured_from_the_burst_opener()
    {
        var report = await _analytics.FirstResponseAsync(_shop.MerchantId, Range);

        // Day 1: 10 s, 60 s, 30 s -> median 30; day 2: 20 s; day 3: one waiting. Overall 10, 20, 30, 60 -> 25.
        Assert.Equal(new FirstResponseDay(new(2026, 3, 1), 30, 3, 0), report.Days[0]);
        Assert.Equal(new FirstResponseDay(new(2026, 3, 2), 20, 1, 0), report.Days[1]);
        Assert.Equal(new FirstResponseDay(new(2026, 3, 3), null, 0, 1), report.Days[2]);
        Assert.Equal(25, report.MedianSeconds);
        Assert.Equal((4, 1), (report.Answered, report.Unanswered));
    }

    [Fact]
    public async Task Funnel_counts_contacts_gained_in_the_range_by_stage()
    {
        var funnel = await _analytics.FunnelAsync(_shop.MerchantId, Range);

        Assert.Equal(6, funnel.Total);
        Assert.Equal(2, funnel.Won);
        Assert.Equal(Math.Round(2.0 / 6, 4), funnel.ConversionRate);
        Assert.Equal([1, 1, 1, 0, 2, 1], funnel.Stages.Select(s => s.Contacts));
        Assert.Equal(MerchantAnalytics.Stages, funnel.Stages.Select(s => s.Stage));
    }

    [Fact]
    public async Task Sources_group_first_touch_with_ctwa_as_ad_and_none_as_organic()
    {
        var sources = (await _analytics.SourcesAsync(_shop.MerchantId, Range)).ToDictionary(s => s.Source);

        Assert.Equal((3, 1), (sources["ad"].Leads, sources["ad"].Won));
        Assert.Equal((1, 1), (sources["story"].Leads, sources["story"].Won));
        Assert.Equal((1, 0), (sources["comment"].Leads, sources["comment"].Won));
        Assert.Equal((1, 0), (sources["organic"].Leads, sources["organic"].Won));
        Assert.Equal((0, 0), (sources["post"].Leads, sources["ref"].Leads));
    }

    [Fact]
    public async Task Summary_adds_up()
    {
        var summary = await _analytics.SummaryAsync(_shop.MerchantId, Range);

        Assert.NotNull(summary);
        Assert.Equal((6, 5), (summary.InboundMessages, summary.OutboundMessages));
        Assert.Equal((3, 1), (summary.AiReplies, summary.HumanReplies));
        Assert.Equal(4, summary.ConversationsStarted);
        Assert.Equal((6, 2), (summary.NewContacts, summary.Won));
        Assert.Equal(25, summary.MedianFirstResponseSeconds);
        Assert.Null(await _analytics.SummaryAsync(Guid.NewGuid(), Range));
    }
}
