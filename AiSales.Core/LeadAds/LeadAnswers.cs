using AiSales.Core.Text;

namespace AiSales.Core.LeadAds;

/// <summary>
/// What a contact needs from a form's answers, read from Meta's standard question keys (full_name, first_name,
/// last_name, phone_number, email, city, state, province, country…). Every answer, standard or custom, is also kept
/// as given on the submission row (lead_form_submissions.answers).
/// </summary>
public sealed record LeadAnswers(string? Name, string? Phone, string? Email, string? City, string? Governorate)
{
    /// <summary>The phone as a WhatsApp id (international digits), or null when it is not recognisably one.</summary>
    public string? WaId => Phone is { } p && PhoneNumbers.Normalize(p) == p ? p : null;

    public static LeadAnswers From(IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        string? First(params string[] keys) => keys
            .Select(k => answers.TryGetValue(k, out var v) ? v.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s))?.Trim() : null)
            .FirstOrDefault(s => s is not null);

        var name = First("full_name", "name");
        if (name is null)
        {
            var parts = new[] { First("first_name"), First("last_name") }.Where(p => p is not null).ToList();
            name = parts.Count > 0 ? string.Join(' ', parts) : null;
        }
        var phone = First("phone_number", "phone", "mobile_number", "work_phone_number");
        return new LeadAnswers(name, NormalizePhone(phone), First("email", "work_email"), First("city"),
            First("state", "province", "governorate"));
    }

    /// <summary>
    /// The form the rest of the app stores phones in: international digits, as WhatsApp ids (9647701234567); an Iraqi
    /// local mobile (0770 123 4567) gets 964. A number that is not recognisably international is kept as typed.
    /// </summary>
    public static string? NormalizePhone(string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? null : PhoneNumbers.Normalize(phone) ?? phone.Trim();
}
