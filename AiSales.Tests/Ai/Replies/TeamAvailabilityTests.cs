using AiSales.Core.Replies;


namespace AiSales.Tests.Ai.Replies;

/// <summary>When a hand-off outside business hours tells the customer the team is back (merchant's time zone).</summary>
[Trait("Category", "Unit")]
public sealed class TeamAvailabilityTests
{
    private static readonly Dictionary<string, string> Hours = new()
    {
        ["sat"] = "10:00-22:00", ["sun"] = "10:00-22:00", ["thu"] = "10:00-23:00", ["fri"] = "14:00-23:00",
    };

    // Sunday 2026-12-06; Baghdad is UTC+3.
    [Fact]
    public void Within_hours_promises_nothing() =>
        Assert.Null(TeamAvailability.BackAt(Hours, "Asia/Baghdad", new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero))); // 12:00 local

    [Fact]
    public void Before_opening_says_today()
    {
        var back = TeamAvailability.BackAt(Hours, "Asia/Baghdad", new DateTimeOffset(2026, 12, 6, 5, 0, 0, TimeSpan.Zero)); // 08:00 local
        Assert.Equal("today at 10:00", back!.English);
        Assert.Contains("اليوم", back.Arabic);
    }

    [Fact]
    public void After_closing_skips_days_without_hours_to_the_next_opening()
    {
        // Sunday 23:30 local: Monday–Wednesday have no hours, Thursday opens at 10:00.
        var back = TeamAvailability.BackAt(Hours, "Asia/Baghdad", new DateTimeOffset(2026, 12, 6, 20, 30, 0, TimeSpan.Zero));
        Assert.Equal("on Thursday at 10:00", back!.English);
        Assert.Contains("الخميس", back.Arabic);
    }

    [Fact]
    public void No_hours_or_an_unknown_zone_never_breaks_a_reply()
    {
        Assert.Null(TeamAvailability.BackAt(new Dictionary<string, string>(), "Asia/Baghdad", DateTimeOffset.UtcNow));
        Assert.Null(TeamAvailability.BackAt(new Dictionary<string, string> { ["sun"] = "garbage" }, "Nowhere/Zone", DateTimeOffset.UtcNow));
    }
}
