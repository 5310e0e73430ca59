using System.Globalization;
using AiSales.Core.Replies.Offline;

namespace AiSales.Core.Replies;

/// <summary>
/// When the merchant's team is next at work, from ai_settings.business_hours ("sat".."fri" → "HH:mm-HH:mm" in the
/// merchant's time zone). A hand-off outside those hours tells the customer when a person will answer. No hours set
/// (or unreadable ones) means "always at work": nothing is promised.
/// </summary>
public static class TeamAvailability
{
    private static readonly string[] DayKeys = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private static readonly string[] DayAr = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];

    /// <summary>Null while the team is at work (or no hours are set); otherwise the next opening, in Arabic and English.</summary>
    public static TeamHours? BackAt(IReadOnlyDictionary<string, string> hours, string? timeZone, DateTimeOffset now)
    {
        if (hours.Count == 0) return null;
        var zone = Zone(timeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        for (var offset = 0; offset < 8; offset++)
        {
            var day = local.Date.AddDays(offset);
            if (!TryRange(hours, DayKeys[(int)day.DayOfWeek], out var open, out var close)) continue;
            if (offset == 0 && local.TimeOfDay >= open && local.TimeOfDay < close) return null; // at work now
            if (offset == 0 && local.TimeOfDay >= close) continue;
            var time = open.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
            var (ar, en) = offset switch
            {
                0 => ($"اليوم الساعة {time}", $"today at {time}"),
                1 => ($"باچر الساعة {time}", $"tomorrow at {time}"),
                _ => ($"يوم {DayAr[(int)day.DayOfWeek]} الساعة {time}", $"on {day.DayOfWeek} at {time}"),
            };
            return new TeamHours(ar, en);
        }
        return null;
    }

    private static bool TryRange(IReadOnlyDictionary<string, string> hours, string day, out TimeSpan open, out TimeSpan close)
    {
        open = close = default;
        var entry = hours.FirstOrDefault(h => string.Equals(h.Key, day, StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrWhiteSpace(entry)) return false;
        var parts = entry.Split('-', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && TimeSpan.TryParseExact(parts[0], @"hh\:mm", CultureInfo.InvariantCulture, out open)
            && TimeSpan.TryParseExact(parts[1], @"hh\:mm", CultureInfo.InvariantCulture, out close)
            && close > open;
    }

    private static TimeZoneInfo Zone(string? id)
    {
        try
        {
            return string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
