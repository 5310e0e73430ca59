using AiSales.Dashboard.Localization;

namespace AiSales.Dashboard.Orders;

/// <summary>How the orders pages (LiveOrderList, LiveOrderDetail) write places and link to the list: one place for both.</summary>
public static class OrderDisplay
{
    /// <summary>The list's address with its filters; page 1 is the bare list.</summary>
    public static string ListUrl(string? status, Guid? contact, int? page)
    {
        var q = new List<string>();
        if (!string.IsNullOrEmpty(status)) q.Add($"status={Uri.EscapeDataString(status)}");
        if (contact is { } c) q.Add($"contact={c}");
        if (page is { } p && p > 1) q.Add($"page={p}");
        return "/orders" + (q.Count == 0 ? "" : "?" + string.Join("&", q));
    }

    /// <summary>A governorate's name in the page's language; a key that is not one of ours is shown as stored.</summary>
    public static string? Governorate(string? key, UiPrefs p) =>
        key is null ? null : AiSales.Core.Replies.Offline.Governorates.FindByKey(key) is { } g ? (p.Arabic ? g.NameAr : g.NameEn) : key;

    /// <summary>"البصرة، الزبير": governorate and city, either may be missing, the same one not twice.</summary>
    public static string Place(string? governorate, string? city, UiPrefs p) =>
        string.Join(p.Arabic ? "، " : ", ", new[] { Governorate(governorate, p), city }.Where(x => !string.IsNullOrWhiteSpace(x)).Distinct());
}
