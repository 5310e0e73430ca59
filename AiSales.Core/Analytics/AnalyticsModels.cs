namespace AiSales.Core.Analytics;

/// <summary>Inclusive range of calendar days in the merchant's time zone.</summary>
public sealed record AnalyticsRange(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public IEnumerable<DateOnly> EachDay() => Enumerable.Range(0, Days).Select(From.AddDays);

    /// <summary>
    /// Earliest and latest day a range may touch. The queries turn days into instants in the merchant's zone and add a
    /// day to the end: 0001-01-01 or 9999-12-31 fell outside DateTimeOffset and answered 500.
    /// </summary>
    public static readonly DateOnly FirstDay = new(2000, 1, 1);
    public static readonly DateOnly LastDay = new(2099, 12, 31);

    /// <summary>Null when <paramref name="day"/> is between <see cref="FirstDay"/> and <see cref="LastDay"/>, otherwise why not (for a 400).</summary>
    public static string? DayProblem(DateOnly day, string name) =>
        day < FirstDay || day > LastDay ? $"'{name}' must be between {FirstDay:yyyy-MM-dd} and {LastDay:yyyy-MM-dd}." : null;

    /// <summary>Null when valid, otherwise why not (for a 400).</summary>
    public string? Problem() =>
        DayProblem(From, "from") ?? DayProblem(To, "to")
        ?? (To < From ? "'to' is before 'from'." : Days > MaxDays ? $"A range covers at most {MaxDays} days." : null);

    /// <summary>The last <paramref name="days"/> days up to and including today in <paramref name="timeZone"/>.</summary>
    public static AnalyticsRange LastDays(int days, TimeZoneInfo timeZone, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), timeZone).DateTime);
        return new AnalyticsRange(today.AddDays(1 - days), today);
    }
}

/// <summary>Messages of one day on one channel (instagram, messenger, whatsapp).</summary>
public sealed record ChannelDay(DateOnly Day, string Channel, int Inbound, int Outbound);

/// <summary>Replies sent that day, by who wrote them.</summary>
public sealed record ReplyAuthorsDay(DateOnly Day, int Ai, int Human);

/// <summary>
/// First-response time of the customer bursts that started that day: median in seconds (null when none was
/// answered), how many were answered and how many are still waiting.
/// </summary>
public sealed record FirstResponseDay(DateOnly Day, double? MedianSeconds, int Answered, int Unanswered);

public sealed record FirstResponseReport(double? MedianSeconds, int Answered, int Unanswered, IReadOnlyList<FirstResponseDay> Days);

public sealed record FunnelStage(string Stage, int Contacts);

/// <summary>Contacts gained in the range by their current stage; conversion = won / all of them.</summary>
public sealed record LeadFunnel(IReadOnlyList<FunnelStage> Stages, int Total, int Won, double ConversionRate);

/// <summary>Leads gained in the range by first-touch source (ad, post, comment, story, ref, organic).</summary>
public sealed record SourceBreakdown(string Source, int Leads, int Won, double ConversionRate);

public sealed record AnalyticsSummary(
    DateOnly From,
    DateOnly To,
    string TimeZone,
    int InboundMessages,
    int OutboundMessages,
    int AiReplies,
    int HumanReplies,
    int ConversationsStarted,
    int NewContacts,
    int Won,
    double ConversionRate,
    double? MedianFirstResponseSeconds);
