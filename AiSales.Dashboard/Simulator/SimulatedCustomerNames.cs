using System.Security.Cryptography;
using System.Text;

namespace AiSales.Dashboard.Simulator;

/// <summary>
/// A believable Iraqi name for a simulated customer, derived from its id: the same id always gets the same name
/// (the simulator page's "session" is just the id in its URL), and "new customer" (a new id) gets a new one.
/// </summary>
public static class SimulatedCustomerNames
{
    private static readonly string[] Given =
    [
        "زينب", "مصطفى", "حسين", "نور", "علي", "فاطمة", "سجاد", "مريم", "حيدر", "رقية",
        "عباس", "زهراء", "كرار", "دعاء", "أحمد", "هدى", "مرتضى", "سارة", "يوسف", "آية",
    ];

    private static readonly string[] Family =
    [
        "الساعدي", "العبيدي", "الجبوري", "الدليمي", "التميمي", "الربيعي", "الخفاجي", "الزبيدي",
        "الشمري", "الكعبي", "البياتي", "الحسيني", "الموسوي", "العزاوي", "الطائي", "السامرائي",
    ];

    public static string For(string customerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        // A hash, not the digits themselves: neighbouring ids should not get neighbouring names.
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(customerId));
        return $"{Given[h[0] % Given.Length]} {Family[h[1] % Family.Length]}";
    }
}
