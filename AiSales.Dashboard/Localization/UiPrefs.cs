using System.Globalization;
using TimeZoneConverter = System.TimeZoneInfo;

namespace AiSales.Dashboard.Localization;

/// <summary>
/// How the current user reads the dashboard: language, digits, the merchant's time zone. Built from cookies in the
/// HTTP request and handed to the interactive root as a parameter (a circuit has no cookies of its own).
/// </summary>
public sealed record UiPrefs(string Language, bool ArabicDigits, string TimeZone = "Asia/Baghdad")
{
    public const string CultureCookie = ".AspNetCore.Culture";
    public const string DigitsCookie = "aisales.digits";

    public bool Arabic => Language == "ar";
    public string Dir => Arabic ? "rtl" : "ltr";

    public string this[string key] => UiText.Get(key, Arabic);

    public string Format(string key, params object[] args) => Digits(string.Format(CultureInfo.InvariantCulture, this[key], args));

    /// <summary>"25,000 د.ع" in Arabic, "IQD 25,000" in English.</summary>
    public string Iqd(long amount)
    {
        var n = amount.ToString("#,0", CultureInfo.InvariantCulture);
        return Digits(Arabic ? $"{n} د.ع" : $"IQD {n}");
    }

    public string Number(long n) => Digits(n.ToString("#,0", CultureInfo.InvariantCulture));

    /// <summary>Local time in the merchant's zone: "14:05" today, otherwise "2026-11-20 14:05".</summary>
    public string Time(DateTimeOffset? at)
    {
        if (at is not { } utc) return "";
        var local = TimeZoneConverter.ConvertTime(utc, Zone);
        var today = TimeZoneConverter.ConvertTime(DateTimeOffset.UtcNow, Zone).Date;
        return Digits(local.ToString(local.Date == today ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
    }

    public TimeZoneInfo Zone => ZoneCache.GetOrAdd(TimeZone, Resolve);

    /// <summary>Midnight today in the merchant's zone, as UTC instant.</summary>
    public DateTimeOffset StartOfTodayUtc()
    {
        var local = TimeZoneConverter.ConvertTime(DateTimeOffset.UtcNow, Zone);
        var midnight = new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    public string Digits(string s) => ArabicDigits ? AiSales.Core.Text.Digits.ToArabicIndic(s) : s;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> ZoneCache = new();

    private static TimeZoneInfo Resolve(string id)
    {
        // Iraq has no DST since 2008: a fixed +03:00 is right when the host lacks tzdata.
        try { return TimeZoneConverter.FindSystemTimeZoneById(id); }
        catch (TimeZoneNotFoundException) { return TimeZoneConverter.CreateCustomTimeZone("Asia/Baghdad", TimeSpan.FromHours(3), "Baghdad", "Baghdad"); }
    }

    public static UiPrefs FromRequest(HttpContext context)
    {
        var culture = context.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName;
        var lang = culture == "en" ? "en" : "ar";
        var digits = context.Request.Cookies[DigitsCookie] == "arab";
        return new UiPrefs(lang, digits);
    }
}
