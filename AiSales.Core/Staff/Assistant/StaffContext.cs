using AiSales.Core.Persistence.Entities;
using AiSales.Core.Shop;

namespace AiSales.Core.Staff.Assistant;

/// <summary>Who is asking: the member behind the staff phone, their role in the shop, and the language they wrote in.</summary>
public sealed record StaffContext(
    Guid MerchantId,
    Guid UserId,
    MemberRole Role,
    string MerchantName,
    TimeZoneInfo TimeZone,
    bool English)
{
    public ShopActor Actor => new(MerchantId, UserId, ShopActor.WhatsApp);

    /// <summary>The member's language: Arabic unless they wrote in Latin letters.</summary>
    public string T(string arabic, string english) => English ? english : arabic;

    public string Money(long iqd) => English ? $"{iqd:N0} IQD" : $"{iqd:N0} د.ع";

    public DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone).DateTime);

    public string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZone).ToString("yyyy-MM-dd HH:mm");
}

/// <summary>What the assistant answers, what it understood, and the destructive command now waiting for a "yes".</summary>
public sealed record StaffAnswer(string Text, string Intent, string? PendingCommand = null);
