using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Staff.Linking;
using AiSales.Dashboard.Localization;

namespace AiSales.Tests.Staff;

/// <summary>The Team page names every outcome, state and role in both languages (a missing key shows the key itself).</summary>
[Trait("Category", "Unit")]
public sealed class TeamTextsTests
{
    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var o in Enum.GetValues<StaffLinkOutcome>()) keys.Add("team.result." + EnumText<StaffLinkOutcome>.ToText(o));
        foreach (var s in Enum.GetValues<StaffPhoneState>()) keys.Add("team.state." + EnumText<StaffPhoneState>.ToText(s));
        foreach (var r in Enum.GetValues<MemberRole>()) keys.Add("team.role." + EnumText<MemberRole>.ToText(r));
        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_the_page_builds_has_an_Arabic_and_an_English_text(string key)
    {
        Assert.NotEqual(key, UiText.Get(key, arabic: true));
        Assert.NotEqual(key, UiText.Get(key, arabic: false));
    }
}
